using System.Data.Common;
using Microsoft.Data.Sqlite;
using MySqlConnector;

namespace Portable.EndToEnd.Tests;

/// <summary>
/// Reads the host's store directly (its SQLite file, or its MySQL database), to count effects such as captures and
/// refunds that the API does not show. Parameters are written <c>@name</c>, which both drivers take.
/// </summary>
internal static class AppDatabase
{
    public static Task<long> ScalarAsync(LocalHostProcess host, string sql, params (string Name, object Value)[] parameters) =>
        host.Settings.TryGetValue("ConnectionStrings__MySql", out var mySql)
            ? ScalarAsync(new MySqlConnection(mySql), sql, parameters)
            : ScalarAsync(Path.Combine(host.WorkingDirectory, "app.db"), sql, parameters);

    /// <summary>The same on a SQLite file, for tests whose host processes come and go over one working directory.</summary>
    public static Task<long> ScalarAsync(string sqlitePath, string sql, params (string Name, object Value)[] parameters) =>
        ScalarAsync(new SqliteConnection($"Data Source={sqlitePath};Mode=ReadOnly;Pooling=False"), sql, parameters);

    private static async Task<long> ScalarAsync(DbConnection connection, string sql, (string Name, object Value)[] parameters)
    {
        await using var owned = connection;
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = name;
            parameter.Value = value;
            command.Parameters.Add(parameter);
        }

        return Convert.ToInt64(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
    }
}
