using System.Diagnostics;

namespace Portable.Adapters.Tests.MySql;

/// <summary>
/// Crashes and restarts the test server through <c>scripts/mariadb.sh</c>, whose <c>start</c> exports its own path
/// as <c>PORTABLE_TEST_MARIADB_SCRIPT</c>. The server comes back on the same port with the same password.
/// </summary>
internal sealed class MariaDbControl
{
    private readonly string _script;

    private MariaDbControl(string script) => _script = script;

    public static MariaDbControl FromEnvironment()
    {
        var script = Environment.GetEnvironmentVariable("PORTABLE_TEST_MARIADB_SCRIPT");
        if (string.IsNullOrWhiteSpace(script) || !File.Exists(script))
        {
            const string message = "PORTABLE_TEST_MARIADB_SCRIPT is not set: start MariaDB with scripts/mariadb.sh to run the fault tests.";
            if (Environment.GetEnvironmentVariable("PORTABLE_REQUIRE_SERVERS") == "1")
            {
                Assert.Fail(message);
            }

            Assert.Ignore(message);
        }

        return new MariaDbControl(script!);
    }

    /// <summary>SIGKILL: the server dies mid-transaction, as on a host failure, and recovers from its redo log on start.</summary>
    public Task KillAsync() => RunAsync("kill");

    public Task StartAsync() => RunAsync("start");

    private async Task RunAsync(string verb)
    {
        var start = new ProcessStartInfo("bash") { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(_script);
        start.ArgumentList.Add(verb);
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(90));
        await process.WaitForExitAsync(timeout.Token);
        await Task.WhenAll(output, error);
        Assert.That(process.ExitCode, Is.Zero, $"mariadb.sh {verb}: {await error}");
    }
}
