using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Portable.Adapters.Aws.Hosting;
using Portable.Adapters.Aws.Runtime;

namespace Portable.Aws.Tests.Handlers;

/// <summary>The Lambda host's real composition in-process, on a temporary SQLite file, with its log lines captured.</summary>
public sealed class TestHost : IAsyncDisposable
{
    public const string WriteKey = "test-write-key";
    public const string ReadKey = "test-read-key";
    public const string AliceToken = "alice-token";
    public const string BobToken = "bob-token";

    private readonly MemoryStream _log = new();
    private readonly DirectoryInfo _directory;

    private TestHost(Action<IServiceCollection>? configure, IReadOnlyDictionary<string, string?>? settings)
    {
        _directory = Directory.CreateTempSubdirectory("portable-aws-");
        var values = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase)
        {
            ["ErrorLogs:WriteKey"] = WriteKey,
            ["ErrorLogs:ReadKey"] = ReadKey,
            ["Orders:Tokens"] = $"{AliceToken}=alice@example.com;{BobToken}=bob@example.com",
            ["Storage:Sqlite:Path"] = Path.Combine(_directory.FullName, "app.db"),
            ["AWS_REGION"] = "us-east-2",
            ["AWS_LAMBDA_FUNCTION_NAME"] = "portable-test",
            ["AWS_LAMBDA_FUNCTION_MEMORY_SIZE"] = "128",
            ["Sqs:QueuePrefix"] = "portable-",
            ["Quality:Notifier:WebhookUrl"] = "http://127.0.0.1:9/qc",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            values[key] = value;
        }

        Services = LambdaHost.BuildServices(new ConfigurationBuilder().AddInMemoryCollection(values).Build(), _log, configure);
    }

    public ServiceProvider Services { get; }

    public string LogText
    {
        get
        {
            lock (_log)
            {
                return Encoding.UTF8.GetString(_log.ToArray());
            }
        }
    }

    /// <summary>The captured log lines, parsed.</summary>
    public IReadOnlyList<JsonElement> LogLines =>
        LogText.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(line => JsonDocument.Parse(line).RootElement.Clone()).ToList();

    public static TestHost Create(Action<IServiceCollection>? configure = null, IReadOnlyDictionary<string, string?>? settings = null) =>
        new(configure, settings);

    /// <summary>A host whose operators hold <paramref name="operatorKey"/> (the management API's and the dashboard's key).</summary>
    public static TestHost WithOperatorKey(string operatorKey) => new(null, new Dictionary<string, string?>
    {
        ["Management:Keys"] = operatorKey,
        ["Management:LinkSecret"] = "lambda-link-secret-0001",
    });

    /// <summary>Runs one event through the named handler, as the runtime loop would.</summary>
    public async Task<JsonElement> InvokeAsync(string handler, string eventJson, TimeSpan? timeout = null, string? traceId = "Root=1-6552a1b4-000000000000000000000001")
    {
        var runner = LambdaHost.CreateRunner(Services, handler);
        var invocation = new Invocation(
            Guid.NewGuid().ToString(), DateTimeOffset.UtcNow + (timeout ?? TimeSpan.FromSeconds(30)), "arn:aws:lambda:us-east-2:123456789012:function:portable-test",
            traceId, Encoding.UTF8.GetBytes(eventJson));
        var response = await runner.RunAsync(invocation, CancellationToken.None);
        return JsonDocument.Parse(response).RootElement.Clone();
    }

    public async ValueTask DisposeAsync()
    {
        await Services.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        _directory.Delete(recursive: true);
    }
}
