using MySqlConnector;

namespace Portable.Lambda.Bench;

/// <summary>
/// Where the functions keep their state: MySQL and SQS as the template deploys them when the test servers are given
/// (<c>PORTABLE_TEST_MYSQL</c>, <c>PORTABLE_TEST_SQS_URL</c>; run.sh starts them), else SQLite and the embedded queues.
/// </summary>
public sealed class Stores : IAsyncDisposable
{
    private const string Database = "portable_lambda_bench";
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
            ["Sqs__QueuePrefix"] = "lambda-bench-",
        };
        return new Stores("MySQL and SQS (MariaDB and the SQS emulator on loopback)", settings, mysql);
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
