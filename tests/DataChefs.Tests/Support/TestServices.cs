namespace HttmOrleans.DataChefs.Tests.Support;

/// <summary>The real services tests talk to; CI always sets these, so a missing one fails loudly.</summary>
internal static class TestServices
{
    public static string PostgresAdmin => Require("HTTM_TEST_PG", "Host=127.0.0.1;Port=5432;Username=postgres;Password=postgres");

    public static string Amqp => Require("HTTM_TEST_AMQP", "amqp://guest:guest@127.0.0.1:5672/");

    private static string Require(string name, string example) =>
        Environment.GetEnvironmentVariable(name) is { Length: > 0 } value
            ? value
            : throw new InvalidOperationException(
                $"The environment variable {name} is not set. These tests need a real service; set it, e.g. {name}=\"{example}\".");
}
