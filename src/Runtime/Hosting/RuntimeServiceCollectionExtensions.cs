using HttmOrleans.Runtime.Core;
using HttmOrleans.Runtime.Jobs;
using HttmOrleans.Runtime.Membership;
using HttmOrleans.Runtime.Messaging;
using HttmOrleans.Runtime.Reminders;
using HttmOrleans.Runtime.Storage;
using HttmOrleans.Storage;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace HttmOrleans.Runtime.Hosting;

public static class RuntimeServiceCollectionExtensions
{
    /// <summary>
    /// Adds the grain runtime. Options come from the <c>Httm</c> configuration section when
    /// <paramref name="configuration"/> is given, then from <paramref name="configure"/>.
    /// </summary>
    public static IServiceCollection AddHttmRuntime(this IServiceCollection services, IConfiguration? configuration = null, Action<RuntimeOptions>? configure = null)
    {
        var builder = services.AddOptions<RuntimeOptions>();
        if (configuration is not null) builder.Bind(configuration.GetSection("Httm"));
        if (configure is not null) builder.Configure(configure);
        builder.ValidateOnStart();
        services.AddSingleton<IValidateOptions<RuntimeOptions>, RuntimeOptionsValidator>();

        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton(sp => sp.GetRequiredService<IOptions<RuntimeOptions>>().Value.Silo);
        services.TryAddSingleton<SiloIdentity>();
        services.TryAddSingleton<IRuntimeStore>(sp =>
        {
            var options = sp.GetRequiredService<IOptions<RuntimeOptions>>().Value;
            var dialect = SqlDialect.Create(options.EffectiveProvider, options.EffectiveConnectionString);
            return new SqlRuntimeStore(dialect, sp.GetRequiredService<ILogger<SqlRuntimeStore>>(), sp.GetServices<MigrationSet>());
        });
        // Modules' tables share the runtime's pool and, on SQLite, its write gate, so their writes queue behind turns.
        services.TryAddSingleton(sp =>
        {
            var store = (SqlRuntimeStore)sp.GetRequiredService<IRuntimeStore>();
            return new HttmDatabase(store.Dialect, store.Signals, sp.GetRequiredService<ILogger<HttmDatabase>>());
        });
        services.TryAddSingleton(sp => new GrainTypeRegistry(sp.GetServices<GrainRegistration>()));
        services.TryAddSingleton<GrainRuntime>();
        services.TryAddSingleton(sp => sp.GetRequiredService<GrainRuntime>().Factory);
        services.TryAddSingleton<OutboxDispatcher>();
        services.TryAddSingleton<ReminderService>();
        services.TryAddSingleton<JobWorker>();
        services.TryAddSingleton<MembershipService>();
        services.TryAddSingleton(sp => new RuntimeHost(sp.GetRequiredService<IRuntimeStore>(), sp.GetRequiredService<SiloOptions>(),
            sp.GetRequiredService<SiloIdentity>(), sp.GetRequiredService<OutboxDispatcher>(), sp.GetRequiredService<ReminderService>(),
            sp.GetRequiredService<JobWorker>(), sp.GetRequiredService<MembershipService>(), sp.GetRequiredService<ILogger<RuntimeHost>>()));
        services.TryAddSingleton(sp => new ClusterAdmin(sp.GetRequiredService<IRuntimeStore>(), sp.GetRequiredService<GrainTypeRegistry>(),
            sp.GetRequiredService<RuntimeHost>()));
        services.AddHostedService(sp => sp.GetRequiredService<RuntimeHost>());
        return services;
    }

    /// <summary>Adds a module's tables to the start-up migrations (see <see cref="MigrationSet"/> for version ranges).</summary>
    public static IServiceCollection AddHttmMigrations(this IServiceCollection services, MigrationSet set)
    {
        services.AddSingleton(set);
        return services;
    }

    /// <summary>Registers a grain class for its interface.</summary>
    public static IServiceCollection AddGrain<TInterface, TGrain>(this IServiceCollection services)
        where TInterface : class, IGrainWithStringKey
        where TGrain : Grain, TInterface
    {
        services.AddSingleton(new GrainRegistration(typeof(TInterface), typeof(TGrain)));
        return services;
    }

    /// <summary>Registers a job handler; a silo claims only jobs whose kind it has a handler for.</summary>
    public static IServiceCollection AddJobHandler<THandler>(this IServiceCollection services) where THandler : class, IJobHandler
    {
        services.AddSingleton<IJobHandler, THandler>();
        return services;
    }

    private sealed class RuntimeOptionsValidator : IValidateOptions<RuntimeOptions>
    {
        public ValidateOptionsResult Validate(string? name, RuntimeOptions options)
        {
            var problems = options.Problems().Select(p => $"{p.Setting} {p.Reason}").ToList();
            return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
        }
    }
}
