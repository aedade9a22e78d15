using Amazon.Runtime;
using Amazon.SQS;
using Amazon.SQS.Model;
using MySqlConnector;

namespace Portable.Lambda.Bench;

/// <summary>
/// Where the functions keep their state: MySQL and SQS as the template deploys them when the test servers are given
/// (<c>PORTABLE_TEST_MYSQL</c>, <c>PORTABLE_TEST_SQS_URL</c>; run.sh starts them), else SQLite and the embedded queues.
/// </summary>
public sealed class Stores : IAsyncDisposable
{
    private const string Database = "portable_lambda_bench";
    private const string QueuePrefix = "lambda-bench-";

    /// <summary>The template's queues, by the names the functions use (order-dispatch is FIFO).</summary>
    private static readonly (string Name, bool Fifo)[] Queues =
        [("order-dispatch", true), ("qc-samples", false), ("qc-notifications", false), ("error-logs", false), ("durable-wakeups", false)];
    private readonly string? _server;

    private Stores(string description, IReadOnlyDictionary<string, string> settings, string? server)
    {
        Description = description;
        Settings = settings;
        _server = server;
    }

    public string Description { get; }

    /// <summary>The functions' environment variables for these stores.</summary>
    public IReadOnlyDictionary<string, string> Settings { get; }

    public static async Task<Stores> OpenAsync()
    {
        var mysql = Environment.GetEnvironmentVariable("PORTABLE_TEST_MYSQL");
        var sqs = Environment.GetEnvironmentVariable("PORTABLE_TEST_SQS_URL");
        if (string.IsNullOrWhiteSpace(mysql) || string.IsNullOrWhiteSpace(sqs))
        {
            return new Stores("SQLite and the embedded queues (PORTABLE_TEST_MYSQL or PORTABLE_TEST_SQS_URL not set)", new Dictionary<string, string>(), null);
        }

        await ExecuteAsync(mysql, $"DROP DATABASE IF EXISTS {Database}; CREATE DATABASE {Database}");
        var settings = new Dictionary<string, string>
        {
            ["Storage__Provider"] = "MySql",
            ["ConnectionStrings__MySql"] = new MySqlConnectionStringBuilder(mysql) { Database = Database }.ConnectionString,
            ["Queues__Provider"] = "Sqs",
            ["Sqs__ServiceUrl"] = sqs,
            ["Sqs__QueuePrefix"] = QueuePrefix,
            ["Sqs__CreateQueues"] = "false",
        };
        foreach (var (name, url) in await CreateQueuesAsync(sqs))
        {
            settings[$"Sqs__Queues__{name.Replace('-', '_')}__Url"] = url;
        }

        return new Stores("MySQL and SQS (MariaDB and the SQS emulator on loopback)", settings, mysql);
    }

    /// <summary>
    /// The queues made beforehand and their addresses given, as the template does on AWS: a function never creates a
    /// queue or looks one up there, where with the emulator's defaults its first use of a queue would create it.
    /// </summary>
    private static async Task<List<(string Name, string Url)>> CreateQueuesAsync(string serviceUrl)
    {
        using var client = new AmazonSQSClient(new BasicAWSCredentials("bench", "bench"), new AmazonSQSConfig { ServiceURL = serviceUrl, AuthenticationRegion = "us-east-2" });
        var queues = new List<(string Name, string Url)>();
        foreach (var (name, fifo) in Queues)
        {
            var attributes = fifo ? new Dictionary<string, string> { [QueueAttributeName.FifoQueue] = "true" } : [];
            var created = await client.CreateQueueAsync(new CreateQueueRequest { QueueName = QueuePrefix + name + (fifo ? ".fifo" : ""), Attributes = attributes });
            queues.Add((name, created.QueueUrl));
        }

        return queues;
    }

    public async ValueTask DisposeAsync()
    {
        if (_server is not null)
        {
            await ExecuteAsync(_server, $"DROP DATABASE IF EXISTS {Database}");
        }
    }

    private static async Task ExecuteAsync(string connectionString, string sql)
    {
        await using var connection = new MySqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new MySqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}
