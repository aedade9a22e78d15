using System.Diagnostics;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Portable.Adapters.Durable.Sqlite;

namespace Portable.Bench.Durable;

/// <summary>A SQLite file in a temporary folder, with the journal settings the durable store uses (WAL, and the given synchronous mode for both the store and the baseline).</summary>
internal sealed class SqliteBenchStore : BenchStore
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "portable-durable-bench-" + Guid.NewGuid().ToString("N"));
    private readonly SqliteSynchronous _synchronous;

    public SqliteBenchStore(SqliteSynchronous synchronous)
    {
        _synchronous = synchronous;
        Directory.CreateDirectory(_folder);
    }

    public override string Name => _synchronous == SqliteSynchronous.Normal ? "SQLite" : $"SQLite {_synchronous.ToString().ToUpperInvariant()}";

    private string DurablePath => Path.Combine(_folder, "durable.db");

    public override void AddStore(IServiceCollection services) => services.AddSqliteOrchestrationStore($"Data Source={DurablePath}", _synchronous);

    /// <summary>SQLite has one writer: the baseline is one connection whatever is asked.</summary>
    public override async Task<double> RawCommitsPerSecondAsync(int connections, TimeSpan duration)
    {
        await using var connection = new SqliteConnection($"Data Source={Path.Combine(_folder, "raw.db")}");
        await connection.OpenAsync();
        await ExecuteAsync(connection, $"PRAGMA journal_mode = WAL; PRAGMA synchronous = {_synchronous.ToString().ToUpperInvariant()}; CREATE TABLE IF NOT EXISTS raw (id INTEGER PRIMARY KEY, v INTEGER NOT NULL);");
        await using var insert = connection.CreateCommand();
        insert.CommandText = "INSERT INTO raw (v) VALUES ($v);";
        var value = insert.Parameters.Add("$v", SqliteType.Integer);
        var stopwatch = Stopwatch.StartNew();
        var commits = 0L;
        while (stopwatch.Elapsed < duration)
        {
            value.Value = commits;
            await insert.ExecuteNonQueryAsync();
            commits++;
        }

        return commits / stopwatch.Elapsed.TotalSeconds;
    }

    public override async Task EmptyAsync()
    {
        await using var connection = new SqliteConnection($"Data Source={DurablePath}");
        await connection.OpenAsync();
        await ExecuteAsync(connection, "DELETE FROM durable_history; DELETE FROM durable_inbox; DELETE FROM durable_activities; DELETE FROM durable_instances;");
    }

    public override ValueTask DisposeAsync()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
        return ValueTask.CompletedTask;
    }

    private static async Task ExecuteAsync(SqliteConnection connection, string sql)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync();
    }
}
