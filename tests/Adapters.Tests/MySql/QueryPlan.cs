using MySqlConnector;
using Portable.Tests.Support;

namespace Portable.Adapters.Tests.MySql;

/// <summary>The first row of a query's EXPLAIN: the index the server reads and how, so a test can hold a store's query to its index.</summary>
internal sealed record QueryPlan(string? Key, string? Type, string Extra)
{
    public bool Sorts => Extra.Contains("filesort", StringComparison.Ordinal);

    public static async Task<QueryPlan> ExplainAsync(MySqlTestDatabase database, string query)
    {
        await using var connection = await database.OpenAsync();
        await using var command = new MySqlCommand("EXPLAIN " + query, connection);
        await using var reader = await command.ExecuteReaderAsync();
        return await reader.ReadAsync()
            ? new QueryPlan(reader["key"] as string, reader["type"] as string, reader["Extra"] as string ?? "")
            : throw new InvalidOperationException("EXPLAIN answered no row.");
    }

    /// <summary>Runs <paramref name="sql"/> (the rows a plan is measured on), then refreshes the table's statistics.</summary>
    public static async Task LoadAsync(MySqlTestDatabase database, string table, IEnumerable<string> sql)
    {
        await using var connection = await database.OpenAsync();
        foreach (var statement in sql)
        {
            await using var insert = new MySqlCommand(statement, connection);
            await insert.ExecuteNonQueryAsync();
        }

        await using var analyze = new MySqlCommand("ANALYZE TABLE " + table, connection);
        await analyze.ExecuteNonQueryAsync();
    }
}
