using System.Reflection;
using System.Text.Json;
using System.Text.Json.Nodes;
using HttmOrleans.Runtime.Storage;
using Microsoft.Extensions.Logging;

namespace HttmOrleans.Runtime.Core;

/// <summary>
/// Runs turns: one grain method at a time per key, inside one transaction that also carries
/// the turn's messages, reminders, jobs and events. Nothing a turn wrote survives if it throws.
/// </summary>
internal sealed class GrainRuntime
{
    private static readonly AsyncLocal<TurnScope?> Current = new();

    public GrainRuntime(IRuntimeStore store, GrainTypeRegistry types, IServiceProvider services, TimeProvider time, ILogger<GrainRuntime> logger)
    {
        Store = store;
        Types = types;
        Services = services;
        Time = time;
        Logger = logger;
        Factory = new GrainFactory(this, types);
    }

    public IRuntimeStore Store { get; }
    public GrainTypeRegistry Types { get; }
    public IServiceProvider Services { get; }
    public TimeProvider Time { get; }
    public ILogger Logger { get; }
    public IGrainFactory Factory { get; }

    public Task<object?> InvokeAsync(GrainTypeInfo type, string key, MethodInfo method, object?[] args)
    {
        var readOnly = method.GetCustomAttribute<ReadOnlyAttribute>() is not null;
        return RunAsync(type, key, method, args, readOnly);
    }

    private async Task<object?> RunAsync(GrainTypeInfo type, string key, MethodInfo method, object?[] args, bool readOnly)
    {
        var (_, result) = await RunTurnAsync(new GrainId(type.Name, key), type, readOnly, null,
            grain => MethodInvoker.InvokeAsync(grain, method, args), CancellationToken.None);
        return result;
    }

    /// <summary>
    /// One turn. <paramref name="precondition"/> runs inside the transaction before the grain is
    /// touched; when it says no, nothing happens and Ran is false.
    /// </summary>
    public async Task<(bool Ran, object? Result)> RunTurnAsync(GrainId id, GrainTypeInfo type, bool readOnly,
        Func<ITurnTransaction, Task<bool>>? precondition, Func<Grain, Task<object?>> body, CancellationToken ct)
    {
        if (Current.Value is { } outer)
            throw new GrainCallException(
                $"{outer.Grain} called {id} and waited for it inside its own turn. Grains do not block on each other: " +
                "send a one-way message with Send<T>(key, g => g.Method(...)), or read its state with ReadStateOf.");

        await using var transaction = await Store.BeginTurnAsync(id, readOnly, ct);
        if (precondition is not null && !await precondition(transaction)) return (false, null);

        var grain = type.Create(Services);
        var scope = new TurnScope(this, id, transaction);
        grain.Attach(scope);
        grain.LoadState(transaction.StateJson, transaction.Etag);
        object? result;
        Current.Value = scope;
        try
        {
            result = await body(grain);
        }
        finally
        {
            Current.Value = null;
        }
        await transaction.CommitAsync();
        return (true, result);
    }

    /// <summary>Writes a one-way call as an outbox row of the current turn; it is delivered after commit.</summary>
    public void Send<TGrain>(TurnScope scope, string key, Func<TGrain, Task> call) where TGrain : class, IGrainWithStringKey
    {
        ArgumentException.ThrowIfNullOrEmpty(key);
        var recorder = DispatchProxy.Create<TGrain, RecordingProxy>();
        _ = call(recorder);
        var recorded = (RecordingProxy)(object)recorder;
        var method = recorded.Method ?? throw new GrainCallException("A one-way send must call one method of the grain.");
        var target = Types.Get(typeof(TGrain));
        var parameters = method.GetParameters();
        var args = new JsonArray();
        for (var i = 0; i < parameters.Length; i++)
            args.Add(JsonSerializer.SerializeToNode(recorded.Arguments[i], parameters[i].ParameterType, RuntimeJson.Options));
        scope.Transaction.AddOutbox(new GrainId(target.Name, key), GrainTypeInfo.Signature(method), args.ToJsonString(), scope.Now);
    }

    /// <summary>Turns a persisted call back into arguments for the method.</summary>
    public static object?[] ReadArguments(MethodInfo method, string json)
    {
        var parameters = method.GetParameters();
        var array = JsonNode.Parse(json)?.AsArray() ?? [];
        var args = new object?[parameters.Length];
        for (var i = 0; i < parameters.Length; i++)
            args[i] = i < array.Count ? array[i].Deserialize(parameters[i].ParameterType, RuntimeJson.Options) : null;
        return args;
    }
}
