using Microsoft.Data.Sqlite;

namespace Portable.Adapters.Durable.Sqlite;

/// <summary>Small helpers that keep every statement parameterized.</summary>
internal static class SqliteCommandExtensions
{
    public static SqliteCommand Command(this SqliteConnection connection, SqliteTransaction? transaction, string sql)
    {
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        return command;
    }

    public static SqliteCommand With(this SqliteCommand command, string name, object? value)
    {
        command.Parameters.AddWithValue(name, value ?? DBNull.Value);
        return command;
    }

    public static string? GetNullableString(this SqliteDataReader reader, int ordinal) =>
        reader.IsDBNull(ordinal) ? null : reader.GetString(ordinal);

    public static long? GetNullableInt64(this SqliteDataReader reader, int ordinal) =>
        reader.IsDBNull(ordinal) ? null : reader.GetInt64(ordinal);

    /// <summary>Runs <paramref name="addRow"/> in chunks as multi-row statements: "prefix (row), (row), ...".</summary>
    public static void ExecuteMultiRow<T>(
        this SqliteConnection connection,
        SqliteTransaction transaction,
        string prefix,
        IReadOnlyList<T> rows,
        Func<SqliteCommand, T, int, string> addRow,
        string suffix = "",
        int chunkSize = 200)
    {
        for (var start = 0; start < rows.Count; start += chunkSize)
        {
            using var command = connection.Command(transaction, string.Empty);
            var values = new List<string>();
            for (var i = start; i < Math.Min(rows.Count, start + chunkSize); i++)
            {
                values.Add(addRow(command, rows[i], i));
            }

            command.CommandText = $"{prefix} {string.Join(", ", values)} {suffix}";
            command.ExecuteNonQuery();
        }
    }
}
