using System.Text.Json.Nodes;
using HttmOrleans.Api.Endpoints;
using HttmOrleans.Api.Tests.Infrastructure;
using Xunit;

namespace HttmOrleans.Api.Tests;

/// <summary>Grain state shown to admins hides secrets by what they are, not by a word in their name.</summary>
public sealed class GrainRedactionTests
{
    [Fact]
    public void Figures_named_after_tokens_stay_visible_while_tokens_passwords_and_connection_strings_are_masked()
    {
        var state = JsonNode.Parse("""
            {
              "figures": { "tokens_per_second": 812.5, "max_tokens": 64, "token_count": 3, "step": 10 },
              "access_token": "eyJabc", "refreshToken": "r-1", "passwordHash": "x", "api_key": "k", "ApiKey": "k2",
              "source": { "connection_string": "Host=db;Password=hunter2", "tokenizer": "t5-small", "keyboard": "qwerty" },
              "credentials": { "user": "u" }
            }
            """)!;
        var redacted = GrainEndpoints.Redact(state)!;

        Assert.Equal(812.5, redacted["figures"]!["tokens_per_second"]!.GetValue<double>());
        Assert.Equal(64, redacted["figures"]!["max_tokens"]!.GetValue<int>());
        Assert.Equal(3, redacted["figures"]!["token_count"]!.GetValue<int>());
        Assert.Equal("t5-small", redacted["source"]!["tokenizer"]!.GetValue<string>());
        Assert.Equal("qwerty", redacted["source"]!["keyboard"]!.GetValue<string>());
        foreach (var secret in new[] { "access_token", "refreshToken", "passwordHash", "api_key", "ApiKey" })
            Assert.Equal("***", redacted[secret]!.GetValue<string>());
        Assert.Equal("***", redacted["source"]!["connection_string"]!.GetValue<string>());
        Assert.DoesNotContain("hunter2", redacted.ToJsonString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_admin_accounts_hash_and_salt_stay_masked_over_http()
    {
        await using var node = await ApiNode.StartAsync("sqlite");
        using var admin = await node.AdminAsync();
        var grain = await admin.Get("/api/v1/grains/Admin/default");
        var text = grain["state"]!.ToJsonString();
        Assert.Contains(ApiNode.AdminUser, text, StringComparison.Ordinal);
        Assert.Contains("\"hash\":\"***\"", text, StringComparison.Ordinal);
        Assert.Contains("\"salt\":\"***\"", text, StringComparison.Ordinal);
    }
}
