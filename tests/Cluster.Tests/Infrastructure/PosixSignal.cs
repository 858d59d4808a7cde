using System.Runtime.InteropServices;

namespace HttmOrleans.Cluster.Tests.Infrastructure;

/// <summary>kill(2): .NET's Process.Kill only sends SIGKILL, and a graceful stop needs SIGTERM.</summary>
internal static partial class PosixSignal
{
    public const int Term = 15;

    [LibraryImport("libc", EntryPoint = "kill", SetLastError = true)]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    public static partial int Send(int pid, int signal);
}
