using Microsoft.Data.Sqlite;

namespace Portable.EndToEnd.Tests;

/// <summary>Reads the host's SQLite file directly, to count effects (captures, refunds) that the API does not show.</summary>
internal static class AppDatabase
{
    public static async Task<long> ScalarAsync(string path, string sql, params (string Name, object Value)[] parameters)
    {
        await using var connection = new SqliteConnection($"Data Source={path};Mode=ReadOnly;Pooling=False");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }

        return Convert.ToInt64(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
    }
}
