using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using Portable.Core.ErrorLogs;

namespace Portable.Bench.ErrorLogs;

/// <summary>
/// The embedded host, started as its own process on a loopback port and configured for MySQL, driven over HTTP
/// (POST and GET <c>/api/logs</c>), so the scenarios measure parsing, auth, coalescing and the store together.
/// </summary>
internal sealed class HttpTarget : IErrorLogTarget
{
    private const string WriteKey = "bench-write-key";
    private const string ReadKey = "bench-read-key";

    private readonly Process _host;
    private readonly HttpClient _client;

    private HttpTarget(Process host, HttpClient client)
    {
        _host = host;
        _client = client;
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

        var client = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 256, PooledConnectionLifetime = Timeout.InfiniteTimeSpan })
        {
            BaseAddress = new Uri($"http://127.0.0.1:{port}/"),
            Timeout = TimeSpan.FromSeconds(30),
        };
        var target = new HttpTarget(host, client);
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (true)
        {
            try
            {
                await target.RecentAsync(null, 1, CancellationToken.None);
                return target;
            }
            catch (HttpRequestException) when (DateTime.UtcNow < deadline && !host.HasExited)
            {
                await Task.Delay(200);
            }
        }
    }

    public async Task AppendAsync(IReadOnlyList<ErrorLog> logs, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "api/logs") { Content = new ByteArrayContent(Body(logs)) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        request.Headers.Add("x-api-key", WriteKey);
        using var response = await _client.SendAsync(request, cancellationToken);
        if (response.StatusCode != HttpStatusCode.Created)
        {
            throw new HttpRequestException($"POST /api/logs answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync(cancellationToken)}");
        }
    }

    public async Task<int> RecentAsync(string? deviceId, int limit, CancellationToken cancellationToken)
    {
        var path = deviceId is null ? $"api/logs?limit={limit}" : $"api/logs?limit={limit}&device_id={Uri.EscapeDataString(deviceId)}";
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Add("x-api-key", ReadKey);
        using var response = await _client.SendAsync(request, cancellationToken);
        response.EnsureSuccessStatusCode();
        await using var stream = await response.Content.ReadAsStreamAsync(cancellationToken);
        using var document = await JsonDocument.ParseAsync(stream, cancellationToken: cancellationToken);
        return document.RootElement.GetArrayLength();
    }

    public ValueTask DisposeAsync()
    {
        _client.Dispose();
        if (!_host.HasExited)
        {
            _host.Kill(entireProcessTree: true);
            _host.WaitForExit();
        }

        _host.Dispose();
        return ValueTask.CompletedTask;
    }

    private static void Relay(string? line)
    {
        if (line is not null)
        {
            Console.Error.WriteLine("  host: " + line);
        }
    }

    private static byte[] Body(IReadOnlyList<ErrorLog> logs)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartArray();
            foreach (var log in logs)
            {
                json.WriteStartObject();
                json.WriteString("device_id", log.DeviceId);
                json.WriteNumber("error_number", log.ErrorNumber);
                json.WriteNumber("time_stamp", log.TimeStamp);
                json.WriteEndObject();
            }

            json.WriteEndArray();
        }

        return buffer.ToArray();
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
