using System.Diagnostics;
using System.Runtime.InteropServices;

namespace HttmOrleans.Summarization.Training;

/// <summary>SIGTERM for a child process: .NET can only SIGKILL, and the trainer needs the chance to save.</summary>
internal static partial class PosixSignals
{
    private const int SigTerm = 15;

    [LibraryImport("libc", EntryPoint = "kill", SetLastError = true)]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    private static partial int Kill(int pid, int signal);

    /// <summary>Asks the process to stop; kills it outright where SIGTERM does not exist.</summary>
    public static void Terminate(Process process)
    {
        try
        {
            if (process.HasExited)
                return;
            if (OperatingSystem.IsLinux() || OperatingSystem.IsMacOS())
                Kill(process.Id, SigTerm);
            else
                process.Kill(entireProcessTree: true);
        }
        catch (InvalidOperationException)
        {
            // Exited between the check and the signal.
        }
    }

    /// <summary>Kills the process and its children, ignoring one that already exited.</summary>
    public static void KillTree(Process process)
    {
        try
        {
            if (!process.HasExited)
                process.Kill(entireProcessTree: true);
        }
        catch (InvalidOperationException)
        {
        }
        catch (System.ComponentModel.Win32Exception)
        {
        }
    }
}
