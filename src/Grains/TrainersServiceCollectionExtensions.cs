using HttmOrleans.Grains.Training;
using HttmOrleans.Recommend.Training;
using HttmOrleans.Summarization.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace HttmOrleans.Grains;

/// <summary>The trainers this build ships; plug-ins may add more <see cref="ITrainer"/> singletons.</summary>
public static class TrainersServiceCollectionExtensions
{
    /// <summary>
    /// Adds the recommenders and the summarizers (<c>seq2seq</c>, <c>lead-k</c>). The summarizers'
    /// settings come from <c>Httm:Summarization</c> (<c>PythonPath</c>, <c>Capability</c>, <c>Device</c>, <c>Threads</c>)
    /// or <c>HTTM_PYTHON</c> / <c>HTTM_SEQ2SEQ_CAPABILITY</c> / <c>HTTM_SEQ2SEQ_DEVICE</c>.
    /// </summary>
    public static IServiceCollection AddHttmTrainers(this IServiceCollection services, IConfiguration? configuration = null)
    {
        foreach (var trainer in RecommenderTrainers.All()) services.AddSingleton<ITrainer>(trainer);
        var summarization = SummarizationSettings(configuration);
        services.TryAddSingleton(summarization);
        foreach (var trainer in SummarizationTrainers.Create(summarization)) services.AddSingleton(trainer);
        return services;
    }

    private static SummarizationOptions SummarizationSettings(IConfiguration? configuration)
    {
        var section = configuration?.GetSection("Httm:Summarization");
        var defaults = new SummarizationOptions();
        return defaults with
        {
            PythonPath = Environment.GetEnvironmentVariable("HTTM_PYTHON") ?? section?["PythonPath"] ?? defaults.PythonPath,
            Capability = Environment.GetEnvironmentVariable("HTTM_SEQ2SEQ_CAPABILITY") ?? section?["Capability"] ?? defaults.Capability,
            Device = Environment.GetEnvironmentVariable("HTTM_SEQ2SEQ_DEVICE") ?? section?["Device"] ?? defaults.Device,
            Threads = int.TryParse(section?["Threads"], out var threads) ? threads : defaults.Threads,
        };
    }
}
