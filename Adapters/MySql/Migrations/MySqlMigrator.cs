using System.Security.Cryptography;
using System.Text;
using Dapper;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using MySqlConnector;

namespace Portable.Adapters.MySql.Migrations;

/// <summary>
/// Applies the embedded schema migrations that a database lacks, each once, recorded in <c>schema_migrations</c>.
/// Runs under a server-wide named lock (<c>GET_LOCK</c>) per database, so hosts starting together and a
/// <c>migrate</c> command can all run it at once: the first applies, the others wait and find nothing to do.
/// </summary>
/// <remarks>
/// MySQL commits each DDL statement by itself, so a migration cannot be rolled back: scripts are written to be
/// re-runnable (<c>IF NOT EXISTS</c>, <c>INSERT IGNORE</c>), and one interrupted half-way completes on the next run.
/// </remarks>
public static partial class MySqlMigrator
{
    private const string HistoryTable = """
        CREATE TABLE IF NOT EXISTS schema_migrations (
            version INT NOT NULL,
            name VARCHAR(255) NOT NULL,
            checksum CHAR(64) NOT NULL,
            applied_at DATETIME(6) NOT NULL,
            PRIMARY KEY (version)
        ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;
        """;

    private static readonly TimeSpan LockTimeout = TimeSpan.FromMinutes(2);

    /// <summary>The entry point of a host's <c>migrate</c> command: brings the database of the connection string up to date.</summary>
    /// <returns>The names of the migrations this call applied (none when the schema was current).</returns>
    public static async Task<IReadOnlyList<string>> MigrateAsync(string connectionString, CancellationToken cancellationToken, ILogger? logger = null)
    {
        // A connection of its own, never pooled: the named lock belongs to the session and must end with it. Waiting for
        // the lock and changing a large table take longer than the short timeout requests run under.
        var builder = new MySqlConnectionStringBuilder(connectionString) { Pooling = false, DefaultCommandTimeout = 0 };
        await using var connection = new MySqlConnection(builder.ConnectionString);
        await connection.OpenAsync(cancellationToken);
        return await MigrateAsync(connection, logger ?? NullLogger.Instance, TimeProvider.System, cancellationToken);
    }

    internal static async Task<IReadOnlyList<string>> MigrateAsync(MySqlConnection connection, ILogger logger, TimeProvider time, CancellationToken cancellationToken)
    {
        var lockName = LockName(connection.Database);
        // Dapper.AOT (native AOT) cannot take a token with the command: the token is checked between commands, and
        // each command is bounded by the connection's command timeout.
        cancellationToken.ThrowIfCancellationRequested();
        var acquired = await connection.ExecuteScalarAsync<int?>(
            "SELECT GET_LOCK(@lockName, @seconds)", new { lockName, seconds = (int)LockTimeout.TotalSeconds });
        if (acquired != 1)
        {
            throw new TimeoutException($"Another migration of '{connection.Database}' held the lock for over {LockTimeout.TotalMinutes} minutes.");
        }

        try
        {
            await connection.ExecuteAsync(HistoryTable);
            var applied = (await connection.QueryAsync<AppliedMigration>("SELECT version, checksum FROM schema_migrations"))
                .ToDictionary(row => row.Version, row => row.Checksum);

            var names = new List<string>();
            string? collation = null;
            foreach (var migration in MySqlMigration.All)
            {
                if (applied.TryGetValue(migration.Version, out var checksum))
                {
                    if (checksum != migration.Checksum)
                    {
                        throw new InvalidOperationException($"Migration {migration.Name} was edited after it was applied; add a new migration instead.");
                    }

                    continue;
                }

                collation ??= await BinaryCollationAsync(connection, cancellationToken);
                var script = migration.Script.Replace("{{binary_collation}}", collation, StringComparison.Ordinal);
                cancellationToken.ThrowIfCancellationRequested();
                await connection.ExecuteAsync(script);
                await connection.ExecuteAsync(
                    "INSERT INTO schema_migrations (version, name, checksum, applied_at) VALUES (@Version, @Name, @Checksum, @AppliedAt)",
                    new { migration.Version, migration.Name, migration.Checksum, AppliedAt = time.GetUtcNow().UtcDateTime });
                LogApplied(logger, migration.Name, connection.Database);
                names.Add(migration.Name);
            }

            return names;
        }
        finally
        {
            await connection.ExecuteAsync("DO RELEASE_LOCK(@lockName)", new { lockName });
        }
    }

    /// <summary>
    /// A binary collation without trailing-space padding: MySQL 8 calls it <c>utf8mb4_0900_bin</c>, MariaDB
    /// <c>utf8mb4_nopad_bin</c>; older servers only have the padded <c>utf8mb4_bin</c>.
    /// </summary>
    private static async Task<string> BinaryCollationAsync(MySqlConnection connection, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var available = (await connection.QueryAsync<string>(
            "SELECT COLLATION_NAME FROM information_schema.COLLATIONS WHERE COLLATION_NAME IN ('utf8mb4_0900_bin', 'utf8mb4_nopad_bin')"))
            .ToHashSet(StringComparer.OrdinalIgnoreCase);
        return available.Contains("utf8mb4_0900_bin") ? "utf8mb4_0900_bin"
            : available.Contains("utf8mb4_nopad_bin") ? "utf8mb4_nopad_bin"
            : "utf8mb4_bin";
    }

    /// <summary>Named locks are server-wide and at most 64 characters: one per database, hashed when the name is long.</summary>
    private static string LockName(string database)
    {
        var name = "schema_migrations." + database;
        return name.Length <= 64
            ? name
            : "schema_migrations." + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(database)))[..40];
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Applied migration {Migration} to database {Database}.")]
    private static partial void LogApplied(ILogger logger, string migration, string database);
}
