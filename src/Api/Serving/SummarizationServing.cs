using HttmOrleans.Grains;
using HttmOrleans.Grains.Models;
using HttmOrleans.Grains.Training;
using HttmOrleans.Grains.Jobs;
using HttmOrleans.Storage;
using HttmOrleans.Summarization.Hosting;

namespace HttmOrleans.Api.Serving;

/// <summary>
/// Each node's summarizers: one long-lived inference worker per active seq2seq version (not a process
/// per request), or the in-process lead-k baseline.
/// </summary>
public sealed class SummarizationServing(IGrainFactory grains, ArtifactCache artifacts, ActiveVersionListener news, SummarizationOptions options,
    ILogger<SummarizationServing> logger)
    : ActiveVersionCache<LoadedSummarizer>(grains, artifacts, news, logger)
{
    protected override string Kind => ModelKinds.Summarization;

    protected override string Verb => "summarize";

    protected override async Task<LoadedSummarizer> LoadAsync(VersionInfo version, string directory, CancellationToken ct) =>
        await SummarizerLoader.LoadAsync(version.Algorithm, directory, options, ct);
}
