using System.Net;
using HttmOrleans.DataChefs.Definitions;
using HttmOrleans.DataChefs.Pipeline;
using HttmOrleans.DataChefs.Rest;
using HttmOrleans.DataChefs.Tests.Support;

namespace HttmOrleans.DataChefs.Tests.Rest;

/// <summary>REST sources reach no internal address unless an admin allows it, checked again on every connection.</summary>
public sealed class RestHostPolicyTests(JsonApiServer server) : IClassFixture<JsonApiServer>
{
    [Theory]
    [InlineData("http://127.0.0.1/x")]
    [InlineData("http://127.8.9.10/x")]
    [InlineData("http://localhost/x")]
    [InlineData("http://api.localhost/x")]
    [InlineData("http://2130706433/x")]
    [InlineData("http://0x7f000001/x")]
    [InlineData("http://[::1]/x")]
    [InlineData("http://[::ffff:127.0.0.1]/x")]
    [InlineData("http://169.254.169.254/latest/meta-data")]
    [InlineData("http://0.0.0.0/x")]
    [InlineData("http://[::]/x")]
    [InlineData("http://10.1.2.3/x")]
    [InlineData("http://172.16.0.1/x")]
    [InlineData("http://192.168.1.1/x")]
    [InlineData("http://224.0.0.1/x")]
    [InlineData("http://[fe80::1]/x")]
    [InlineData("http://[fd00::1]/x")]
    public void An_internal_address_is_refused_by_default_naming_the_url(string url)
    {
        var errors = new RestSourceDefinition { Url = url }.Validate(new SourceEnvironment());

        var error = Assert.Single(errors);
        Assert.Equal("url", error.Field);
        Assert.Contains("AllowedHosts", error.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void A_public_address_passes_and_an_allowed_range_or_name_lets_an_internal_one_through()
    {
        Assert.Empty(new RestSourceDefinition { Url = "https://93.184.215.14/x" }.Validate(new SourceEnvironment()));
        Assert.Empty(new RestSourceDefinition { Url = "http://10.1.2.3/x" }.Validate(new SourceEnvironment { Hosts = new HostPolicy(["10.0.0.0/8"]) }));
        Assert.Empty(new RestSourceDefinition { Url = "http://localhost/x" }.Validate(new SourceEnvironment { Hosts = new HostPolicy(["localhost"]) }));
        Assert.Null(new HostPolicy(["*.corp.example"]).RefusalFor(new Uri("http://api.corp.example/x")));
    }

    [Fact]
    public async Task The_address_is_checked_when_connecting_so_the_loopback_api_is_refused_by_default()
    {
        // Validation is skipped by giving a client factory only for the check, then reading through the guarded client.
        var definition = new RestSourceDefinition { Url = server.BaseUrl + "/links" };
        var source = new RestDataSource(definition, new SourceEnvironment { HttpClientFactory = () => GuardedHttp.CreateClient(HostPolicy.Default) });

        var error = await Assert.ThrowsAsync<SourceValidationException>(() => Pipelines.ReadAllAsync(source));

        Assert.Equal("url", Assert.Single(error.Errors).Field);
        Assert.Contains("loopback", error.Errors[0].Reason, StringComparison.Ordinal);
        Assert.Equal(0, server.HitsFor("/links"));
    }

    [Fact]
    public async Task A_redirect_to_a_refused_address_is_not_followed()
    {
        var target = Uri.EscapeDataString(server.BaseUrl.Replace("127.0.0.1", "127.0.0.2", StringComparison.Ordinal) + "/links");
        var definition = new RestSourceDefinition { Url = $"{server.BaseUrl}/redirect?to={target}" };
        var source = new RestDataSource(definition, new SourceEnvironment { Hosts = new HostPolicy(["127.0.0.1"]) });

        var error = await Assert.ThrowsAsync<SourceValidationException>(() => Pipelines.ReadAllAsync(source));

        Assert.Contains("127.0.0.2", Assert.Single(error.Errors).Reason, StringComparison.Ordinal);
        Assert.Contains(server.Hits.Keys, k => k.StartsWith("/redirect", StringComparison.Ordinal));
    }

    [Fact]
    public void A_malformed_allowed_entry_is_refused_when_the_policy_is_made()
    {
        Assert.Throws<FormatException>(() => new HostPolicy(["not a host!"]));
        Assert.True(HostPolicy.IsOwnAddress(IPAddress.Loopback));
    }
}
