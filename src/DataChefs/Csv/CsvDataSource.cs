using System.Text;
using HttmOrleans.DataChefs.Definitions;
using HttmOrleans.DataChefs.Pipeline;

namespace HttmOrleans.DataChefs.Csv;

/// <summary>A CSV/TSV file read as a stream; dialect fields the definition leaves open are detected per read.</summary>
public sealed class CsvDataSource : IDataSource
{
    private readonly string _path;
    private readonly CsvSourceDefinition _definition;

    /// <summary>Resolves the definition's server path (inside the data root) or upload.</summary>
    public CsvDataSource(CsvSourceDefinition definition, SourceEnvironment environment)
    {
        definition.EnsureValid(environment);
        _definition = definition;
        _path = definition.Path is { Length: > 0 } path
            ? DataRootGuard.TryResolveSource(environment, path, allowUploads: true, out var full, out var reason) ? full
                : throw new SourceValidationException([new SourceValidationError("path", reason)])
            : System.IO.Path.Combine(environment.UploadRoot!, definition.UploadId!);
    }

    /// <inheritdoc />
    public string Kind => "csv";

    /// <summary>Detects the dialect from the file's first 64 KiB, honouring what the definition fixes.</summary>
    public async Task<(CsvDialect Dialect, IReadOnlyList<string> Notes)> DetectDialectAsync(CancellationToken cancellationToken)
    {
        var notes = new List<string>();
        var quote = _definition.Quote is { Length: 1 } q ? q[0] : '"';
        var start = new byte[4];
        int startLength;
        var probe = File.OpenRead(_path);
        await using (probe)
        {
            startLength = await probe.ReadAtLeastAsync(start, start.Length, throwOnEndOfStream: false, cancellationToken);
        }

        Encoding encoding;
        if (CsvSniffer.EncodingFromBom(start.AsSpan(0, startLength)) is { } bom)
        {
            encoding = bom.Encoding;
            notes.Add($"encoding: {bom.Name}");
        }
        else
        {
            encoding = CsvSourceDefinition.ResolveEncoding(_definition.Encoding)!;
            notes.Add($"encoding: {_definition.Encoding ?? "utf-8"}{(_definition.Encoding is null ? " (no BOM)" : string.Empty)}");
        }

        string sample;
        bool truncated;
        using (var reader = new StreamReader(_path, encoding, detectEncodingFromByteOrderMarks: true))
        {
            (sample, truncated) = await CsvSniffer.ReadSampleAsync(reader, cancellationToken);
        }

        var fallback = _path.EndsWith(".tsv", StringComparison.OrdinalIgnoreCase) ? '\t' : ',';
        var given = CsvDialect.ParseDelimiter(_definition.Delimiter);
        var delimiter = given ?? await CsvSniffer.DetectDelimiterAsync(sample, truncated, quote, fallback, cancellationToken);
        notes.Add($"delimiter: '{CsvDialect.Describe(delimiter)}'{(given is null ? " (detected)" : string.Empty)}");
        var header = _definition.HasHeader ?? await CsvSniffer.DetectHeaderAsync(sample, truncated, delimiter, quote, cancellationToken);
        notes.Add($"header: {(header ? "yes" : "no")}{(_definition.HasHeader is null ? " (detected)" : string.Empty)}");
        return (new CsvDialect(delimiter, header, quote, encoding), notes);
    }

    /// <inheritdoc />
    public async ValueTask<ISourceReader> OpenAsync(CancellationToken cancellationToken)
    {
        var (dialect, notes) = await DetectDialectAsync(cancellationToken);
        var stream = new FileStream(_path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, useAsync: true);
        return new CsvSourceReader(new StreamReader(stream, dialect.Encoding, detectEncodingFromByteOrderMarks: true), dialect, [.. notes]);
    }
}
