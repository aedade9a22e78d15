using System.Diagnostics;
using NUnit.Framework;

namespace Portable.Tests.Support;

/// <summary>
/// A MariaDB server of one test's own, started by <c>scripts/mariadb.sh</c> in a data directory of its own (on its own
/// port), so that stopping or pausing it disturbs no other test; stopped and deleted on disposal.
/// </summary>
public sealed class PrivateMariaDb : IAsyncDisposable
{
    private readonly string _state;

    private PrivateMariaDb(string state, string connectionString)
    {
        _state = state;
        ConnectionString = connectionString;
    }

    /// <summary>The <c>portable</c> database of the server, empty at first.</summary>
    public string ConnectionString { get; }

    public static async Task<PrivateMariaDb> StartAsync()
    {
        var state = Directory.CreateTempSubdirectory("portable-mariadb-").FullName;
        var exports = await RunAsync(state, "start");
        const string prefix = "export PORTABLE_TEST_MYSQL='";
        var line = exports.Split('\n').Single(l => l.StartsWith(prefix, StringComparison.Ordinal));
        return new PrivateMariaDb(state, line[prefix.Length..line.LastIndexOf('\'')]);
    }

    /// <summary>SIGSTOP: the server keeps its sockets, accepts connections and answers nothing, as a hung host does.</summary>
    public Task PauseAsync() => RunAsync(_state, "pause");

    public Task ResumeAsync() => RunAsync(_state, "resume");

    /// <summary>SIGKILL: the server dies mid-transaction, as on a host failure, and recovers from its redo log on restart.</summary>
    public Task KillAsync() => RunAsync(_state, "kill");

    /// <summary>Starts the server again on the same port with the same password.</summary>
    public Task RestartAsync() => RunAsync(_state, "start");

    public async ValueTask DisposeAsync()
    {
        await RunAsync(_state, "stop");
        Directory.Delete(_state, recursive: true);
    }

    private static async Task<string> RunAsync(string state, string verb)
    {
        var start = new ProcessStartInfo("bash") { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(Repository.PathOf("scripts", "mariadb.sh"));
        start.ArgumentList.Add(verb);
        start.Environment["PORTABLE_MARIADB_STATE"] = state;
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(120));
        await process.WaitForExitAsync(timeout.Token);
        Assert.That(process.ExitCode, Is.Zero, $"mariadb.sh {verb}: {await error}");
        return await output;
    }
}
