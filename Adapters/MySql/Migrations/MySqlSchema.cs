using Dapper;
using Microsoft.Extensions.Logging;
using MySqlConnector;

namespace Portable.Adapters.MySql.Migrations;

/// <summary>
/// The schema of one database as this process knows it: brought up to date once, by the host when it starts
/// (<see cref="MigrateAsync"/>) or else at the first use of the database (<see cref="MySqlDatabase"/> asks before
/// every call until then). The <see cref="MySqlDatabase"/>s of one database share it, so a process checks once.
/// A failed check is not remembered: the next use tries again. Nothing is checked when
/// <see cref="MySqlStorageOptions.MigrateOnStart"/> is false (the <c>migrate</c> command's job then).
/// </summary>
public sealed partial class MySqlSchema
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly string _connectionString;
    private readonly bool _automatic;
    private readonly ILogger _logger;
    private volatile bool _current;

    public MySqlSchema(MySqlStorageOptions options, ILogger logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        _connectionString = options.EffectiveConnectionString();
        _automatic = options.MigrateOnStart;
        _logger = logger;
    }

    /// <summary>Whether calls may go ahead without a check: the schema was found current, or is not this process's to check.</summary>
    public bool IsCurrent => _current || !_automatic;

    /// <summary>
    /// Applies what migrations the database lacks, under the migrator's lock, on a connection of its own: a host's start.
    /// </summary>
    public async Task MigrateAsync(CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            await MySqlMigrator.MigrateAsync(_connectionString, cancellationToken, _logger);
            _current = true;
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>
    /// Before a call on <paramref name="connection"/> (open): one plain read of <c>schema_migrations</c> finds the schema
    /// current; only a database that lacks a migration is migrated, as by <see cref="MigrateAsync"/>. Callers that come
    /// meanwhile wait for this one. The server's failures are passed on as they are, for the caller's retry policy;
    /// a schema that cannot be brought up to date is an <see cref="InvalidOperationException"/> naming the database.
    /// </summary>
    internal async Task EnsureCurrentAsync(MySqlConnection connection, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            if (_current)
            {
                return;
            }

            LogChecking(_logger, connection.Database);
            if (!await IsUpToDateAsync(connection, cancellationToken))
            {
                try
                {
                    await MySqlMigrator.MigrateAsync(_connectionString, cancellationToken, _logger);
                }
                catch (Exception exception) when (exception is InvalidOperationException or TimeoutException
                    || (exception is MySqlException && MySqlFailures.Classify(exception, opening: false) == MySqlFailure.Other))
                {
                    throw new InvalidOperationException(
                        $"The schema of database '{connection.Database}' could not be brought up to date: {exception.Message}", exception);
                }
            }

            _current = true;
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Every embedded migration recorded with its checksum (a newer binary's extra rows are no concern of this one).</summary>
    private static async Task<bool> IsUpToDateAsync(MySqlConnection connection, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        Dictionary<int, string> applied;
        try
        {
            applied = (await connection.QueryAsync<AppliedMigration>("SELECT version, checksum FROM schema_migrations"))
                .ToDictionary(row => row.Version, row => row.Checksum);
        }
        catch (MySqlException exception) when (exception.ErrorCode == MySqlErrorCode.NoSuchTable)
        {
            return false;
        }

        return MySqlMigration.All.All(migration => applied.TryGetValue(migration.Version, out var checksum) && checksum == migration.Checksum);
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Checking the schema of database {Database} at its first use.")]
    private static partial void LogChecking(ILogger logger, string database);
}
