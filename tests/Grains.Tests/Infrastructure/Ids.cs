namespace HttmOrleans.Grains.Tests.Infrastructure;

/// <summary>Fresh ids, so tests sharing one cluster never see each other's grains.</summary>
public static class Ids
{
    public static string New(string prefix) => prefix + "-" + Guid.NewGuid().ToString("N")[..10];
}
