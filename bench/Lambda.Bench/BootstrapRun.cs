using System.Diagnostics;
using System.Globalization;
using Portable.Aws.Tests.Emulator;

namespace Portable.Lambda.Bench;

/// <summary>One bootstrap process of a variant, against its own emulated Runtime API, with its own database.</summary>
public sealed class BootstrapRun : IAsyncDisposable
{
    private readonly Process _process;
    private readonly DirectoryInfo _directory;

    private BootstrapRun(Process process, DirectoryInfo directory, RuntimeApiEmulator emulator, long startedAt)
    {
        _process = process;
        _directory = directory;
        Emulator = emulator;
        StartedAt = startedAt;
    }

    public RuntimeApiEmulator Emulator { get; }

    /// <summary>The <see cref="Stopwatch"/> timestamp just before the process was started.</summary>
    public long StartedAt { get; }

    /// <summary>Starts the bootstrap as <paramref name="function"/> with its first event already waiting, as on a cold invocation.</summary>
    public static (BootstrapRun Run, EmulatedInvocation First) Start(Variant variant, Function function, Stores stores)
    {
        var directory = Directory.CreateTempSubdirectory("portable-bench-");
        var emulator = RuntimeApiEmulator.Start();
        var first = emulator.Enqueue(function.FirstEvent());
        var start = new ProcessStartInfo(variant.Executable) { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        start.Environment["AWS_LAMBDA_RUNTIME_API"] = emulator.Endpoint;
        start.Environment["_HANDLER"] = function.Handler;
        start.Environment["AWS_REGION"] = "us-east-2";
        start.Environment["AWS_LAMBDA_FUNCTION_NAME"] = "portable-bench";
        start.Environment["AWS_LAMBDA_FUNCTION_MEMORY_SIZE"] = "128";
        start.Environment["AWS_LAMBDA_LOG_LEVEL"] = "WARN";
        start.Environment["ErrorLogs__WriteKey"] = Events.WriteKey;
        start.Environment["ErrorLogs__ReadKey"] = Events.ReadKey;
        start.Environment["Storage__Sqlite__Path"] = Path.Combine(directory.FullName, "app.db");
        start.Environment["Quality__Notifier__WebhookUrl"] = "http://127.0.0.1:9/qc";

        // The schedule's drain would otherwise long-poll the empty dispatch queue for a second: its wait, not its start.
        start.Environment["Lambda__Dispatch__WaitTime"] = "00:00:00";
        foreach (var (key, value) in stores.Settings)
        {
            start.Environment[key] = value;
        }

        var startedAt = Stopwatch.GetTimestamp();
        var process = Process.Start(start) ?? throw new InvalidOperationException($"{variant.Executable} did not start.");
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, line) =>
        {
            if (line.Data is not null)
            {
                Console.Error.WriteLine($"[{variant.Name}] {line.Data}");
            }
        };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return (new BootstrapRun(process, directory, emulator, startedAt), first);
    }

    /// <summary>The process's peak resident set (VmHWM), in MB.</summary>
    public double PeakRssMb()
    {
        foreach (var line in File.ReadLines($"/proc/{_process.Id}/status"))
        {
            if (line.StartsWith("VmHWM:", StringComparison.Ordinal))
            {
                var kilobytes = long.Parse(line["VmHWM:".Length..].Replace("kB", "", StringComparison.Ordinal).Trim(), CultureInfo.InvariantCulture);
                return kilobytes / 1024.0;
            }
        }

        throw new InvalidOperationException("VmHWM not found: /proc/<pid>/status is Linux only.");
    }

    /// <summary>Ends the process (SIGKILL, as Lambda ends an idle environment) and waits until it is gone.</summary>
    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
        await Emulator.DisposeAsync();
        _directory.Delete(recursive: true);
    }
}
