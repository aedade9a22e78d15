using System.Diagnostics;
using System.Text;

namespace Portable.Aws.Tests.EndToEnd;

/// <summary>
/// The real bootstrap as its own process, pointed at an emulated Runtime API: the JIT build
/// (<c>dotnet bootstrap.dll</c>) by default, or the native one named by <c>PORTABLE_AWS_BOOTSTRAP</c>.
/// </summary>
public sealed class BootstrapProcess : IAsyncDisposable
{
    public const string NativeBootstrapVariable = "PORTABLE_AWS_BOOTSTRAP";

    private readonly Process _process;
    private readonly StringBuilder _output = new();

    private BootstrapProcess(Process process) => _process = process;

    public int Id => _process.Id;

    public bool HasExited => _process.HasExited;

    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    public static BootstrapProcess Start(string runtimeApi, string handler, IReadOnlyDictionary<string, string> settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var native = Environment.GetEnvironmentVariable(NativeBootstrapVariable);
        var start = string.IsNullOrEmpty(native) ? new ProcessStartInfo("dotnet", [JitBootstrap()]) : new ProcessStartInfo(native);
        start.RedirectStandardOutput = true;
        start.RedirectStandardError = true;
        start.UseShellExecute = false;
        start.Environment["AWS_LAMBDA_RUNTIME_API"] = runtimeApi;
        start.Environment["_HANDLER"] = handler;
        start.Environment["AWS_REGION"] = "us-east-2";
        start.Environment["AWS_LAMBDA_FUNCTION_NAME"] = "portable-e2e-" + handler;
        start.Environment["AWS_LAMBDA_FUNCTION_MEMORY_SIZE"] = "128";
        start.Environment["AWS_LAMBDA_LOG_STREAM_NAME"] = "2026/11/24/[$LATEST]" + Guid.NewGuid().ToString("N");
        foreach (var (key, value) in settings)
        {
            start.Environment[key] = value;
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException("The bootstrap did not start.");
        var bootstrap = new BootstrapProcess(process);
        process.OutputDataReceived += (_, line) => bootstrap.Append(line.Data);
        process.ErrorDataReceived += (_, line) => bootstrap.Append(line.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return bootstrap;
    }

    /// <summary>The JIT build of the bootstrap, built with the tests (Adapters/Aws/bin/&lt;Configuration&gt;/net10.0).</summary>
    public static string JitBootstrap()
    {
        var path = Repository.PathOf("Adapters", "Aws", "bin", Repository.Configuration, Repository.TargetFramework, "bootstrap.dll");
        return File.Exists(path) ? path : throw new FileNotFoundException("Build Adapters/Aws first.", path);
    }

    public async Task<int> WaitForExitAsync(TimeSpan timeout)
    {
        using var cancel = new CancellationTokenSource(timeout);
        await _process.WaitForExitAsync(cancel.Token);
        return _process.ExitCode;
    }

    /// <summary>Kills the process at once, as a crash or Lambda's timeout would.</summary>
    public void Kill()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit();
        }
    }

    public ValueTask DisposeAsync()
    {
        Kill();
        _process.Dispose();
        return ValueTask.CompletedTask;
    }

    private void Append(string? line)
    {
        if (line is not null)
        {
            lock (_output)
            {
                _output.AppendLine(line);
            }
        }
    }
}
