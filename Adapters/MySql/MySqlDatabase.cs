using Microsoft.Extensions.Logging;
using MySqlConnector;
using Portable.Core.Validation;

namespace Portable.Adapters.MySql;

/// <summary>
/// The MySQL database of the stores: one pooled <see cref="MySqlConnector.MySqlDataSource"/>, and the policy every
/// store call runs under. Transient failures are retried with exponential backoff; an unreachable server opens a
/// circuit and surfaces as <see cref="UnavailableException"/> (503 with Retry-After), at once, for every call
/// until the break is over.
/// </summary>
public sealed partial class MySqlDatabase : IAsyncDisposable
{
    private readonly MySqlStorageOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly MySqlCircuit _circuit;

    public MySqlDatabase(MySqlStorageOptions options, TimeProvider time, ILogger<MySqlDatabase> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options;
        _time = time;
        _logger = logger;
        _circuit = new MySqlCircuit(options.BreakDuration, time);
        DataSource = new MySqlDataSourceBuilder(options.EffectiveConnectionString()).Build();
    }

    public MySqlDataSource DataSource { get; }

    /// <summary>
    /// Runs <paramref name="operation"/> on a connection of its own, again on a new connection after a transient
    /// failure: it must be safe to repeat, or find out itself what an earlier attempt did.
    /// </summary>
    public async Task<T> RunAsync<T>(Func<MySqlConnection, CancellationToken, Task<T>> operation, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(operation);
        for (var attempt = 1; ; attempt++)
        {
            if (!_circuit.TryEnter(out var probe, out var generation, out var retryAfter))
            {
                throw Unavailable(retryAfter, null);
            }

            var connected = false;
            try
            {
                await using var connection = await DataSource.OpenConnectionAsync(cancellationToken);
                connected = true;
                return await operation(connection, cancellationToken);
            }
            catch (Exception exception) when (!cancellationToken.IsCancellationRequested
                && MySqlFailures.Classify(exception, opening: !connected) is not MySqlFailure.Other and var failure)
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

                var delay = Backoff(attempt);
                LogRetrying(_logger, failure, attempt, delay.TotalMilliseconds, exception);
                await Task.Delay(delay, _time, cancellationToken);
            }
            finally
            {
                if (_circuit.Exit(probe, generation, connected))
                {
                    LogCircuitClosed(_logger);
                }
            }
        }
    }

    public ValueTask DisposeAsync() => DataSource.DisposeAsync();

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
