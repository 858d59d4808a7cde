using HttmOrleans.DataChefs.Definitions;
using HttmOrleans.DataChefs.Pipeline;

namespace HttmOrleans.DataChefs.Rest;

/// <summary>A paginated JSON API read with GET, retried with backoff on 429 and 5xx.</summary>
public sealed class RestDataSource : IDataSource
{
    private readonly RestSourceDefinition _definition;
    private readonly SourceEnvironment _environment;

    /// <summary>Validates the definition.</summary>
    public RestDataSource(RestSourceDefinition definition, SourceEnvironment environment)
    {
        definition.EnsureValid(environment);
        _definition = definition;
        _environment = environment;
    }

    /// <inheritdoc />
    public string Kind => "rest";

    /// <inheritdoc />
    public ValueTask<ISourceReader> OpenAsync(CancellationToken cancellationToken) =>
        ValueTask.FromResult<ISourceReader>(new RestSourceReader(_definition, _environment.CreateHttpClient(), _environment.Retry));
}
