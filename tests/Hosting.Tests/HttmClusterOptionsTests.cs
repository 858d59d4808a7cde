using HttmOrleans.Hosting.Configuration;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace HttmOrleans.Hosting.Tests;

public sealed class HttmClusterOptionsTests
{
    [Fact]
    public void Settings_bind_from_the_Httm_section_with_the_measured_failure_detection_defaults()
    {
        var options = HttmClusterOptions.FromConfiguration(Configuration(new()
        {
            ["Httm:Database"] = "Host=db;Database=httm",
            ["Httm:Cluster:ProbeTimeout"] = "00:00:02",
            ["Httm:Silo:Capabilities"] = "CPU, gpu",
        }), _ => null);

        Assert.Equal("postgres", options.EffectiveProvider);
        Assert.Equal(TimeSpan.FromSeconds(2), options.Cluster.ProbeTimeout);
        Assert.Equal(2, options.Cluster.NumMissedProbesLimit);
        Assert.Equal(1, options.Cluster.NumVotesForDeathDeclaration);
        Assert.Equal(TimeSpan.FromSeconds(2), options.Cluster.TableRefreshTimeout);
        Assert.Equal("CPU, gpu", options.Silo.Capabilities);
        Assert.Empty(HttmClusterOptionsValidator.Problems(options));
    }

    [Fact]
    public void HTTM_CAPABILITIES_applies_only_when_configuration_names_none()
    {
        var environment = new Dictionary<string, string?> { ["HTTM_CAPABILITIES"] = "cpu,gpu" };
        var fromEnvironment = HttmClusterOptions.FromConfiguration(Configuration(new() { ["Httm:Database"] = "a.db" }), environment.GetValueOrDefault);
        var fromSwitch = HttmClusterOptions.FromConfiguration(
            Configuration(new() { ["Httm:Database"] = "a.db", ["Httm:Silo:Capabilities"] = "cpu" }), environment.GetValueOrDefault);

        Assert.Equal("cpu,gpu", fromEnvironment.Silo.Capabilities);
        Assert.Equal("cpu", fromSwitch.Silo.Capabilities);
        Assert.Equal("Data Source=a.db", fromEnvironment.EffectiveConnectionString);
    }

    [Fact]
    public async Task A_silo_with_bad_settings_fails_to_start_with_one_line_naming_each_setting()
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.UseOrleans(silo => silo.UseHttmCluster(new HttmClusterOptions
        {
            Database = "",
            Cluster = new HttmClusterSettings { ProbeTimeout = TimeSpan.Zero, NumVotesForDeathDeclaration = 0 },
            Silo = new HttmSiloSettings { Capabilities = "cpu,g p u" },
        }));
        using var host = builder.Build();

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());

        Assert.DoesNotContain('\n', error.Message);
        Assert.Contains("Httm:Database is required", error.Message, StringComparison.Ordinal);
        Assert.Contains("Httm:Cluster:ProbeTimeout must be between 00:00:00.1 and 00:01:00 (got 00:00:00)", error.Message, StringComparison.Ordinal);
        Assert.Contains("Httm:Cluster:NumVotesForDeathDeclaration must be between 1 and 10 (got 0)", error.Message, StringComparison.Ordinal);
        Assert.Contains("Httm:Silo:Capabilities 'g p u' is not a capability name", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_unknown_provider_is_named_in_the_problem()
    {
        var problems = HttmClusterOptionsValidator.Problems(new HttmClusterOptions { Database = "x.db", Provider = "mysql" }).ToList();

        Assert.Equal([("Httm:Provider", "'mysql' is not 'postgres' or 'sqlite'")], problems);
    }

    [Fact]
    public void A_value_that_does_not_parse_fails_binding_with_one_line_naming_the_key()
    {
        var configuration = Configuration(new() { ["Httm:Database"] = "a.db", ["Httm:Cluster:ProbeTimeout"] = "abc" });

        var error = Assert.Throws<InvalidOperationException>(() => HttmClusterOptions.FromConfiguration(configuration, _ => null));

        Assert.DoesNotContain('\n', error.Message);
        Assert.Contains("'Httm:Cluster:ProbeTimeout'", error.Message, StringComparison.Ordinal);
    }

    private static IConfiguration Configuration(Dictionary<string, string?> values) =>
        new ConfigurationBuilder().AddInMemoryCollection(values).Build();
}
