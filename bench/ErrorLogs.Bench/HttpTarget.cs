using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using Portable.Core.ErrorLogs;

namespace Portable.Bench.ErrorLogs;

/// <summary>
/// The embedded host, started as its own process on a loopback port and configured for MySQL, driven over HTTP
/// (POST and GET <c>/api/logs</c>), so the scenarios measure parsing, auth, coalescing and the store together.
/// Ingest load comes from one thread over a connection per appender; reads take a keep-alive connection from a pool.
/// </summary>
internal sealed class HttpTarget : IErrorLogTarget
{
    private const string WriteKey = "bench-write-key";
    private const string ReadKey = "bench-read-key";

    private readonly Process _host;
    private readonly IPEndPoint _endpoint;
    private readonly ConcurrentBag<LoadConnection> _idle = [];

    private HttpTarget(Process host, IPEndPoint endpoint)
    {
        _host = host;
        _endpoint = endpoint;
    }

    public string Name => "HTTP";

    public string? Statistics => null;

    public static async Task<HttpTarget> StartAsync(string connectionString)
    {
        var port = FreePort();
        var workingDirectory = Directory.CreateTempSubdirectory("portable-bench-").FullName;
        var start = new ProcessStartInfo("dotnet", [HostAssembly()])
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.Environment["ASPNETCORE_URLS"] = $"http://127.0.0.1:{port}";
        start.Environment["Storage__Provider"] = "MySql";
        start.Environment["ConnectionStrings__MySql"] = connectionString;
        start.Environment["ErrorLogs__WriteKey"] = WriteKey;
        start.Environment["ErrorLogs__ReadKey"] = ReadKey;
        start.Environment["Logging__LogLevel__Default"] = "Warning";
        start.Environment["DOTNET_gcServer"] = "1";
        var host = Process.Start(start) ?? throw new InvalidOperationException("The host did not start.");
        // The host's warnings and errors go to the bench's stderr; its stdout is drained so it never blocks.
        host.OutputDataReceived += (_, line) => Relay(line.Data);
        host.ErrorDataReceived += (_, line) => Relay(line.Data);
        host.BeginOutputReadLine();
        host.BeginErrorReadLine();

        var target = new HttpTarget(host, new IPEndPoint(IPAddress.Loopback, port));
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (true)
        {
            try
            {
                await target.RecentAsync(null, 1, CancellationToken.None);
                return target;
            }
            catch (SocketException) when (DateTime.UtcNow < deadline && !host.HasExited)
            {
                await Task.Delay(200);
            }
        }
    }

    /// <summary>Each appender is a keep-alive connection of its own, all driven from one thread (see <see cref="PollingLoad"/>).</summary>
    public async Task<double> LoadAsync(int appenders, BatchPool batches, TimeSpan warmup, TimeSpan window)
    {
        var connections = new List<LoadConnection>(appenders);
        try
        {
            for (var i = 0; i < appenders; i++)
            {
                connections.Add(LoadConnection.Open(_endpoint));
            }

            return await PollingLoad.RowsPerSecondAsync(
                connections,
                i =>
                {
                    var logs = batches.Next(i);
                    WriteBody(connections[i].StartBody(), logs);
                    connections[i].Send("POST", "/api/logs", WriteKey);
                    return logs.Length;
                },
                (status, body) =>
                {
                    if (status != (int)HttpStatusCode.Created)
                    {
                        throw new HttpRequestException($"POST /api/logs answered {status}: {Encoding.UTF8.GetString(body.Span)}");
                    }
                },
                warmup,
                window);
        }
        finally
        {
            foreach (var connection in connections)
            {
                await connection.DisposeAsync();
            }
        }
    }

    public async Task<int> RecentAsync(string? deviceId, int limit, CancellationToken cancellationToken)
    {
        var target = deviceId is null ? $"/api/logs?limit={limit}" : $"/api/logs?limit={limit}&device_id={Uri.EscapeDataString(deviceId)}";
        var connection = await RentAsync(cancellationToken);
        var (status, body) = await connection.SendAsync("GET", target, ReadKey, cancellationToken);
        if (status != (int)HttpStatusCode.OK)
        {
            throw new HttpRequestException($"GET {target} answered {status}: {Encoding.UTF8.GetString(body.Span)}");
        }

        using var document = JsonDocument.Parse(body);
        _idle.Add(connection);
        return document.RootElement.GetArrayLength();
    }

    public async ValueTask DisposeAsync()
    {
        while (_idle.TryTake(out var connection))
        {
            await connection.DisposeAsync();
        }

        if (!_host.HasExited)
        {
            _host.Kill(entireProcessTree: true);
            await _host.WaitForExitAsync();
        }

        _host.Dispose();
    }

    /// <summary>An idle connection, else a new one; a call that fails drops its connection instead of returning it.</summary>
    private async ValueTask<LoadConnection> RentAsync(CancellationToken cancellationToken) =>
        _idle.TryTake(out var connection) ? connection : await LoadConnection.OpenAsync(_endpoint, cancellationToken);

    private static void Relay(string? line)
    {
        if (line is not null)
        {
            Console.Error.WriteLine("  host: " + line);
        }
    }

    /// <summary>One log as an object, as a device sends it; several as an array.</summary>
    private static void WriteBody(Utf8JsonWriter json, IReadOnlyList<ErrorLog> logs)
    {
        if (logs.Count == 1)
        {
            WriteLog(json, logs[0]);
            return;
        }

        json.WriteStartArray();
        foreach (var log in logs)
        {
            WriteLog(json, log);
        }

        json.WriteEndArray();
    }

    private static void WriteLog(Utf8JsonWriter json, ErrorLog log)
    {
        json.WriteStartObject();
        json.WriteString("device_id", log.DeviceId);
        json.WriteNumber("error_number", log.ErrorNumber);
        json.WriteNumber("time_stamp", log.TimeStamp);
        json.WriteEndObject();
    }

    private static string HostAssembly()
    {
        // bench/ErrorLogs.Bench/bin/<Configuration>/net10.0 -> Adapters/Local/bin/<Configuration>/net10.0
        var output = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
        var configuration = output.Parent!.Name;
        var repository = output.Parent.Parent!.Parent!.Parent!.Parent!.FullName;
        var path = Path.Combine(repository, "Adapters", "Local", "bin", configuration, output.Name, "Portable.Local.dll");
        return File.Exists(path) ? path : throw new FileNotFoundException("Build Adapters/Local first.", path);
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
