using Microsoft.Extensions.Logging;
using MySqlConnector;
using Portable.Adapters.MySql.Migrations;
using Portable.Core.Validation;

namespace Portable.Adapters.MySql;

/// <summary>
/// The MySQL database of the stores: one pooled <see cref="MySqlConnector.MySqlDataSource"/>, and the policy every
/// store call runs under. Transient failures are retried with exponential backoff; an unreachable server opens a
/// circuit and surfaces as <see cref="UnavailableException"/> (503 with Retry-After), at once, for every call
/// until the break is over. Until its <see cref="MySqlSchema"/> is known current, a call first has it checked (and
/// the database migrated) on the call's connection, within the same policy.
/// </summary>
public sealed partial class MySqlDatabase : IAsyncDisposable
{
    private readonly MySqlStorageOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly MySqlCircuit _circuit;
    private readonly Lazy<MySqlDataSource> _source;
    private readonly Lazy<MySqlDataSource> _statelessSource;
    private readonly MySqlSchema _schema;

    /// <param name="schema">Shared by the databases of one connection string, so a process checks it once; by default this database's own.</param>
    public MySqlDatabase(MySqlStorageOptions options, TimeProvider time, ILogger<MySqlDatabase> logger, MySqlSchema? schema = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options;
        _time = time;
        _logger = logger;
        _circuit = new MySqlCircuit(options.BreakDuration, time);
        _schema = schema ?? new MySqlSchema(options, logger);

        // Built at the first call, not here: a pool starts a reaper timer and parses its connection string, which a
        // Lambda function answering without the database (most API requests) would pay in every cold start.
        var connectionString = options.EffectiveConnectionString();
        _source = new Lazy<MySqlDataSource>(() => new MySqlDataSourceBuilder(connectionString).Build());
        _statelessSource = new Lazy<MySqlDataSource>(() => new MySqlDataSourceBuilder(
            new MySqlConnectionStringBuilder(connectionString) { ConnectionReset = false }.ConnectionString).Build());
    }

    /// <summary>The pool of connections that are reset (one round trip) each time they are taken from it.</summary>
    public MySqlDataSource DataSource => _source.Value;

    /// <summary>
    /// Runs <paramref name="operation"/> on a connection of its own, again on a new connection after a transient
    /// failure: it must be safe to repeat, or find out itself what an earlier attempt did.
    /// </summary>
    public Task<T> RunAsync<T>(Func<MySqlConnection, CancellationToken, Task<T>> operation, CancellationToken cancellationToken) =>
        ReturnOnlyAsync(RunAsync(DataSource, stateless: false, operation, hold: null, cancellationToken));

    /// <summary>
    /// As <see cref="RunAsync{T}"/>, on a pool whose connections skip the reset round trip, for operations that leave
    /// nothing behind on their connection: no session variables, and every transaction they begin is ended. A failed
    /// operation may have left something, so its pool is cleared and none of its connections is used again.
    /// </summary>
    public Task<T> RunStatelessAsync<T>(Func<MySqlConnection, CancellationToken, Task<T>> operation, CancellationToken cancellationToken) =>
        ReturnOnlyAsync(RunAsync(_statelessSource.Value, stateless: true, operation, hold: null, cancellationToken));

    /// <summary>
    /// As <see cref="RunAsync{T}"/>, for an operation that may leave a transaction open for its caller to finish: when
    /// <paramref name="hold"/> says so of its result, the connection is handed over with it rather than returned to
    /// the pool, and the caller disposes of it once the transaction has ended. Otherwise the connection is null.
    /// </summary>
    public Task<(T Result, MySqlConnection? Held)> RunHoldingAsync<T>(
        Func<MySqlConnection, CancellationToken, Task<T>> operation, Func<T, bool> hold, CancellationToken cancellationToken) =>
        RunAsync(DataSource, stateless: false, operation, hold, cancellationToken);

    private static async Task<T> ReturnOnlyAsync<T>(Task<(T Result, MySqlConnection? Held)> run) => (await run).Result;

    private async Task<(T Result, MySqlConnection? Held)> RunAsync<T>(MySqlDataSource source, bool stateless,
        Func<MySqlConnection, CancellationToken, Task<T>> operation, Func<T, bool>? hold, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(operation);
        for (var attempt = 1; ; attempt++)
        {
            if (!_circuit.TryEnter(out var probe, out var generation, out var retryAfter))
            {
                throw Unavailable(retryAfter, null);
            }

            MySqlConnection? connection = null;
            var reachedServer = false;
            var succeeded = false;
            TimeSpan retryIn;
            try
            {
                connection = await source.OpenConnectionAsync(cancellationToken);
                reachedServer = true;
                if (!_schema.IsCurrent)
                {
                    await _schema.EnsureCurrentAsync(connection, cancellationToken);
                }

                var result = await operation(connection, cancellationToken);
                succeeded = true;
                if (hold?.Invoke(result) is true)
                {
                    var held = connection;
                    connection = null;
                    return (result, held);
                }

                return (result, null);
            }
            catch (Exception exception) when (!cancellationToken.IsCancellationRequested
                && MySqlFailures.Classify(exception, opening: !reachedServer) is not MySqlFailure.Other and var failure)
            {
                if (failure == MySqlFailure.Unreachable)
                {
                    if (_circuit.Trip())
                    {
                        LogCircuitOpened(_logger, _options.BreakDuration.TotalSeconds, exception);
                    }

                    throw Unavailable(_options.BreakDuration, exception);
                }

                if (failure == MySqlFailure.TimedOut || attempt >= _options.MaxAttempts)
                {
                    throw Unavailable(TimeSpan.FromSeconds(1), exception);
                }

                retryIn = Backoff(attempt);
                LogRetrying(_logger, failure, attempt, retryIn.TotalMilliseconds, exception);
            }
            finally
            {
                if (connection is not null)
                {
                    if (stateless && !succeeded)
                    {
                        await MySqlConnection.ClearPoolAsync(connection, CancellationToken.None);
                    }

                    await connection.DisposeAsync();
                }

                if (_circuit.Exit(probe, generation, reachedServer))
                {
                    LogCircuitClosed(_logger);
                }
            }

            // Only a failure worth another attempt gets here: the connection is back in the pool (or discarded) meanwhile.
            await Task.Delay(retryIn, _time, cancellationToken);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_source.IsValueCreated)
        {
            await _source.Value.DisposeAsync();
        }

        if (_statelessSource.IsValueCreated)
        {
            await _statelessSource.Value.DisposeAsync();
        }
    }

    /// <summary>Doubles from the first delay, with jitter so that retrying callers spread out.</summary>
    private TimeSpan Backoff(int attempt)
    {
        var full = _options.FirstRetryDelay.TotalMilliseconds * Math.Pow(2, attempt - 1);
        return TimeSpan.FromMilliseconds(full * (0.5 + (Random.Shared.NextDouble() / 2)));
    }

    private static UnavailableException Unavailable(TimeSpan retryAfter, Exception? inner) =>
        new("The database is unavailable; try again shortly.", retryAfter, inner);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The database cannot be reached; failing calls for {Seconds} s before trying again.")]
    private static partial void LogCircuitOpened(ILogger logger, double seconds, Exception exception);

    [LoggerMessage(Level = LogLevel.Information, Message = "The database answers again.")]
    private static partial void LogCircuitClosed(ILogger logger);

    [LoggerMessage(Level = LogLevel.Information, Message = "Database call failed ({Failure}, attempt {Attempt}); retrying in {DelayMs:F0} ms.")]
    private static partial void LogRetrying(ILogger logger, MySqlFailure failure, int attempt, double delayMs, Exception exception);
}
