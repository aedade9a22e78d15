using System.Data.Common;
using MySqlConnector;
using Portable.Core.Settings;

namespace Portable.Adapters.MySql;

/// <summary>
/// Where the MySQL database is (<c>ConnectionStrings:MySql</c>) and how hard to try when it does not answer
/// (<c>Storage:MySql:*</c>; durations such as <c>00:00:03</c>).
/// </summary>
public sealed record MySqlStorageOptions : IValidatedOptions
{
    public const string Section = "Storage:MySql";

    /// <summary>From <c>ConnectionStrings:MySql</c> (the environment's <c>ConnectionStrings__MySql</c>).</summary>
    public string ConnectionString { get; set; } = "";

    /// <summary>Used when the connection string sets no <c>Connection Timeout</c>: short, so an outage fails requests fast.</summary>
    public TimeSpan ConnectTimeout { get; set; } = TimeSpan.FromSeconds(3);

    /// <summary>
    /// Used when the connection string sets no <c>Default Command Timeout</c>: how long a statement may run before it is
    /// abandoned and its request answered 503. Short, so a hung server (stopped, not gone) fails requests within seconds
    /// instead of holding them for the driver's default 30 s.
    /// </summary>
    public TimeSpan CommandTimeout { get; set; } = TimeSpan.FromSeconds(3);

    /// <summary>
    /// Used when the connection string sets no <c>Cancellation Timeout</c>: after a statement's timeout, how long to
    /// wait for the server to confirm its cancellation before the connection is closed (a hung server never does).
    /// </summary>
    public TimeSpan CancellationTimeout { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Attempts of an operation that hits a transient failure (a deadlock, a dropped connection).</summary>
    public int MaxAttempts { get; set; } = 3;

    /// <summary>The wait before the second attempt; it doubles for each further one, with jitter.</summary>
    public TimeSpan FirstRetryDelay { get; set; } = TimeSpan.FromMilliseconds(50);

    /// <summary>How long requests fail at once after the server could not be reached, before one request tries again.</summary>
    public TimeSpan BreakDuration { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>Whether the host applies pending migrations when it starts (otherwise run the <c>migrate</c> command).</summary>
    public bool MigrateOnStart { get; set; } = true;

    /// <summary>
    /// Whether a pooled connection is reset each time it is taken (a round trip), used when the connection string sets
    /// no <c>Connection Reset</c>. A pool whose callers leave no session state behind can skip it.
    /// </summary>
    public bool ResetPooledConnections { get; set; } = true;

    public IEnumerable<string> Problems()
    {
        if (string.IsNullOrWhiteSpace(ConnectionString))
        {
            yield return "ConnectionStrings:MySql is not set (environment: ConnectionStrings__MySql).";
        }
        else if (!IsConnectionString(ConnectionString))
        {
            yield return "ConnectionStrings:MySql is not a MySQL connection string.";
        }

        if (ConnectTimeout < TimeSpan.FromSeconds(1))
        {
            yield return $"{Section}:ConnectTimeout must be at least one second.";
        }

        if (CommandTimeout < TimeSpan.FromSeconds(1) || CancellationTimeout < TimeSpan.FromSeconds(1))
        {
            yield return $"{Section}:CommandTimeout and {Section}:CancellationTimeout must be at least one second.";
        }

        if (MaxAttempts < 1)
        {
            yield return $"{Section}:MaxAttempts must be at least 1.";
        }

        if (FirstRetryDelay < TimeSpan.Zero || BreakDuration < TimeSpan.Zero)
        {
            yield return $"{Section}:FirstRetryDelay and {Section}:BreakDuration must not be negative.";
        }
    }

    /// <summary>The connection string with the short connect, command and cancellation timeouts and the reset choice, unless it sets its own.</summary>
    /// <exception cref="InvalidOperationException">The driver does not take one of its options or values; the message names it.</exception>
    public string EffectiveConnectionString()
    {
        MySqlConnectionStringBuilder builder;
        try
        {
            builder = new MySqlConnectionStringBuilder(ConnectionString);
        }
        catch (ArgumentException exception)
        {
            throw new InvalidOperationException($"ConnectionStrings:MySql is not a MySQL connection string: {exception.Message}", exception);
        }

        if (!builder.ContainsKey("Connection Timeout"))
        {
            builder.ConnectionTimeout = (uint)Math.Max(1, Math.Ceiling(ConnectTimeout.TotalSeconds));
        }

        if (!builder.ContainsKey("Default Command Timeout"))
        {
            builder.DefaultCommandTimeout = (uint)Math.Ceiling(CommandTimeout.TotalSeconds);
        }

        if (!builder.ContainsKey("Cancellation Timeout"))
        {
            builder.CancellationTimeout = (int)Math.Ceiling(CancellationTimeout.TotalSeconds);
        }

        if (!builder.ContainsKey("Connection Reset"))
        {
            builder.ConnectionReset = ResetPooledConnections;
        }

        return builder.ConnectionString;
    }

    /// <summary>
    /// Whether the text reads as a connection string (keys, values, quoting). Its options are the driver's to check, where
    /// the database is first used (<see cref="EffectiveConnectionString"/>; a host that migrates at start does so there):
    /// the driver's option table costs about 1 ms to load, which a function that answers without the database (the
    /// authorizers, most API requests) would pay in its cold start.
    /// </summary>
    private static bool IsConnectionString(string text)
    {
        try
        {
            _ = new DbConnectionStringBuilder { ConnectionString = text };
            return true;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }
}
