using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Portable.Tests.Support;

namespace Portable.EndToEnd.Tests;

/// <summary>
/// The embedded host started as its own process on a free loopback port, in its own working
/// directory (so its SQLite file and settings are the test's alone), and killed at the end.
/// </summary>
public sealed class LocalHostProcess : IAsyncDisposable
{
    public const string WriteKey = "test-write-key";
    public const string ReadKey = "test-read-key";
    public const string AliceToken = "alice-token";
    public const string BobToken = "bob-token";
    public const string LabKey = "test-lab-key";
    public const string OperatorKey = "test-operator-key-0001";
    public const string LinkSecret = "test-link-secret-0001";

    private readonly ChildProcess _process;
    private readonly IAsyncDisposable? _backing;

    private LocalHostProcess(
        ChildProcess process, Uri baseAddress, string workingDirectory, IReadOnlyDictionary<string, string> settings, IAsyncDisposable? backing)
    {
        Settings = settings;
        _process = process;
        _backing = backing;
        BaseAddress = baseAddress;
        WorkingDirectory = workingDirectory;
        Client = new HttpClient(new StaffCredentials(LabKey, OperatorKey)) { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(30) };
    }

    public Uri BaseAddress { get; }

    /// <summary>The settings the host was started with beyond the defaults (its backend, among others).</summary>
    public IReadOnlyDictionary<string, string> Settings { get; }

    public string WorkingDirectory { get; }

    /// <summary>A client that sends the lab's and the operators' keys where those tools would (<see cref="StaffCredentials"/>).</summary>
    public HttpClient Client { get; }

    public string Output => _process.Output;

    /// <summary>
    /// Starts the host and waits until it answers. <paramref name="backing"/> is what it runs on that is the test's
    /// alone (its database): disposed after the process is killed, or at once when the host does not start.
    /// </summary>
    public static async Task<LocalHostProcess> StartAsync(
        IReadOnlyDictionary<string, string>? settings = null, string? workingDirectory = null, IAsyncDisposable? backing = null)
    {
        workingDirectory ??= Directory.CreateTempSubdirectory("portable-e2e-").FullName;
        var port = FreePort();
        var start = new ProcessStartInfo("dotnet", [HostAssembly()]) { WorkingDirectory = workingDirectory };
        start.Environment["ASPNETCORE_URLS"] = $"http://127.0.0.1:{port}";
        start.Environment["ErrorLogs__WriteKey"] = WriteKey;
        start.Environment["ErrorLogs__ReadKey"] = ReadKey;
        start.Environment["Orders__Tokens"] = $"{AliceToken}=alice@example.com;{BobToken}=bob@example.com";
        start.Environment["Quality__LabKey"] = LabKey;
        start.Environment["Management__Keys"] = OperatorKey;
        start.Environment["Management__LinkSecret"] = LinkSecret;
        start.Environment["Storage__Sqlite__Path"] = Path.Combine(workingDirectory, "app.db");
        foreach (var (key, value) in settings ?? new Dictionary<string, string>())
        {
            start.Environment[key] = value;
        }

        ChildProcess process;
        try
        {
            process = ChildProcess.Start(start);
        }
        catch
        {
            if (backing is not null)
            {
                await backing.DisposeAsync();
            }

            throw;
        }

        var host = new LocalHostProcess(
            process, new Uri($"http://127.0.0.1:{port}/"), workingDirectory, settings ?? new Dictionary<string, string>(), backing);
        try
        {
            await host.WaitUntilReadyAsync();
        }
        catch
        {
            await host.DisposeAsync();
            throw;
        }

        return host;
    }

    public bool HasExited => _process.HasExited;

    /// <summary>Waits for the process to end by itself (a crash it was told to have).</summary>
    public Task WaitForExitAsync(TimeSpan within) => _process.WaitForExitAsync(within);

    /// <summary>Kills the process at once, as a crash would.</summary>
    public void Kill() => _process.Kill();

    public async ValueTask DisposeAsync()
    {
        _process.Dispose();
        Client.Dispose();
        if (_backing is not null)
        {
            await _backing.DisposeAsync();
        }
    }

    /// <summary>The embedded host's build output: Adapters/Local/bin/&lt;Configuration&gt;/net10.0.</summary>
    private static string HostAssembly()
    {
        var path = Repository.PathOf("Adapters", "Local", "bin", Repository.Configuration, Repository.TargetFramework, "Portable.Local.dll");
        return File.Exists(path) ? path : throw new FileNotFoundException("Build Adapters/Local first.", path);
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private async Task WaitUntilReadyAsync()
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (DateTime.UtcNow < deadline)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"The host exited with code {_process.ExitCode}:\n{Output}");
            }

            try
            {
                using var response = await Client.GetAsync(new Uri("api/metadata/", UriKind.Relative));
                if (response.IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }

            await Task.Delay(100);
        }

        throw new TimeoutException($"The host did not answer within 60 s:\n{Output}");
    }
}
