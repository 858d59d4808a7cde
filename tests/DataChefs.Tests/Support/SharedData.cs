namespace HttmOrleans.DataChefs.Tests.Support;

/// <summary>The project's shared test data, read in place (never copied into the repository).</summary>
internal static class SharedData
{
    /// <summary><c>../shared/data</c> relative to the repository root, found by walking up from the test binaries.</summary>
    public static string Folder { get; } = Find();

    private static string Find()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "HttmOrleans.sln")))
            {
                var data = Path.GetFullPath(Path.Combine(directory.FullName, "..", "shared", "data"));
                return Directory.Exists(data) ? data : throw new DirectoryNotFoundException($"The shared test data is expected at {data}.");
            }
        }

        throw new DirectoryNotFoundException("HttmOrleans.sln was not found above " + AppContext.BaseDirectory);
    }
}
