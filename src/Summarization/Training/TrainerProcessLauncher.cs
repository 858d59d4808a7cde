using System.ComponentModel;
using System.Diagnostics;
using System.Text;

namespace HttmOrleans.Summarization.Training;

/// <summary>Starts the trainer script with redirected, UTF-8 standard streams.</summary>
internal static class TrainerProcessLauncher
{
    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false);

    public static Process Start(TrainerProcessOptions options, IEnumerable<string> arguments, StderrTail stderr)
    {
        if (!File.Exists(options.ScriptPath))
            throw new TrainerFailedException($"Trainer script not found: {options.ScriptPath}", null, "");
        var info = new ProcessStartInfo(options.PythonPath)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            StandardInputEncoding = Utf8,
            StandardOutputEncoding = Utf8,
            StandardErrorEncoding = Utf8,
            WorkingDirectory = Path.GetDirectoryName(options.ScriptPath)!,
        };
        info.ArgumentList.Add("-u");
        info.ArgumentList.Add(options.ScriptPath);
        foreach (var argument in arguments)
            info.ArgumentList.Add(argument);
        if (options.Threads > 0)
        {
            info.ArgumentList.Add("--threads");
            info.ArgumentList.Add(options.Threads.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }
        info.Environment["PYTHONUNBUFFERED"] = "1";
        info.Environment["PYTHONIOENCODING"] = "utf-8";
        info.Environment["PYTHONDONTWRITEBYTECODE"] = "1";
        foreach (var (key, value) in options.Environment)
            info.Environment[key] = value;

        var process = new Process { StartInfo = info, EnableRaisingEvents = true };
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is not null)
                stderr.AppendLine(e.Data);
        };
        try
        {
            process.Start();
        }
        catch (Win32Exception e)
        {
            process.Dispose();
            throw new TrainerFailedException($"Cannot start interpreter {options.PythonPath}: {e.Message}", null, "", e);
        }
        process.BeginErrorReadLine();
        return process;
    }
}
