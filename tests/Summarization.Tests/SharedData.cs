namespace HttmOrleans.Summarization.Tests;

/// <summary>Locates ../shared/data relative to the repository root, wherever the tests run from.</summary>
internal static class SharedData
{
    public static string Root { get; } = FindRoot();

    public static string Path(params string[] parts) => System.IO.Path.Combine([Root, .. parts]);

    private static string FindRoot()
    {
        var fromEnv = Environment.GetEnvironmentVariable("HTTM_SHARED_DATA");
        if (!string.IsNullOrEmpty(fromEnv) && Directory.Exists(fromEnv))
            return fromEnv;
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = System.IO.Path.Combine(dir.FullName, "..", "shared", "data");
            if (File.Exists(System.IO.Path.Combine(dir.FullName, "HttmOrleans.sln")) && Directory.Exists(candidate))
                return System.IO.Path.GetFullPath(candidate);
        }
        throw new DirectoryNotFoundException("../shared/data not found above " + AppContext.BaseDirectory);
    }
}
