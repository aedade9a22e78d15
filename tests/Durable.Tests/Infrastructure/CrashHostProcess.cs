using System.Diagnostics;
using Portable.Durable.CrashHost;

namespace Portable.Durable.Tests.Infrastructure;

/// <summary>
/// A worker in a process of its own (Portable.Durable.CrashHost) on a test database, which a test
/// can kill without warning (SIGKILL) to prove what survives a crash, or run beside others to share the load.
/// </summary>
internal sealed class CrashHostProcess : IDisposable
{
    private readonly Process _process;

    private CrashHostProcess(Process process) => _process = process;

    /// <param name="crashAfterActivity">The activity after whose code the host kills itself (<c>Durable:Faults:CrashAfterActivity</c>).</param>
    /// <param name="holdAfterEffects">After this many recorded effects the host's activities wait, unrecorded, until it is killed.</param>
    /// <param name="lease">The host's leases; by default 1 s, so that a killed host's work fails over quickly.</param>
    public static async Task<CrashHostProcess> StartAsync(
        TestDatabase database, string effectsPath, CancellationToken cancellationToken, string? crashAfterActivity = null,
        int? holdAfterEffects = null, TimeSpan? lease = null)
    {
        var hostAssembly = typeof(CrashWorkflows).Assembly.Location;
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(hostAssembly);
        database.ConfigureCrashHost(start);
        start.ArgumentList.Add(effectsPath);
        if (crashAfterActivity is not null)
        {
            start.Environment["PORTABLE_CRASHHOST_CRASH_AFTER"] = crashAfterActivity;
        }

        if (holdAfterEffects is { } hold)
        {
            start.Environment["PORTABLE_CRASHHOST_HOLD_AFTER"] = hold.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        if (lease is { } duration)
        {
            start.Environment["PORTABLE_CRASHHOST_LEASE_SECONDS"] = ((int)duration.TotalSeconds).ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException("The crash host did not start.");
        var host = new CrashHostProcess(process);
        try
        {
            var line = await process.StandardOutput.ReadLineAsync(cancellationToken);
            if (line != "ready")
            {
                var error = await process.StandardError.ReadToEndAsync(cancellationToken);
                throw new InvalidOperationException($"The crash host did not get ready: {line} {error}");
            }
        }
        catch
        {
            host.Dispose();
            throw;
        }

        return host;
    }

    /// <summary>Waits until the host says its activities are held (see <c>holdAfterEffects</c>).</summary>
    public async Task WaitUntilHeldAsync(CancellationToken cancellationToken)
    {
        var line = await _process.StandardOutput.ReadLineAsync(cancellationToken);
        if (line != "held")
        {
            throw new InvalidOperationException($"The crash host ended or spoke before its activities were held: {line}");
        }
    }

    /// <summary>Waits until the process has ended of itself (a fault it was told to inject).</summary>
    public Task WaitForExitAsync(CancellationToken cancellationToken) => _process.WaitForExitAsync(cancellationToken);

    /// <summary>Kills the process at once, as a crash or an out-of-memory kill would.</summary>
    public void Kill()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit();
        }
    }

    public void Dispose()
    {
        Kill();
        _process.Dispose();
    }
}
