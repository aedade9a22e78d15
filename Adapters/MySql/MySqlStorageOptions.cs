using System.Globalization;
using Microsoft.Extensions.Configuration;
using MySqlConnector;

namespace Portable.Adapters.MySql;

/// <summary>Where the MySQL database is and how hard to try when it does not answer.</summary>
public sealed record MySqlStorageOptions
{
    /// <summary>From <c>ConnectionStrings:MySql</c> (the environment's <c>ConnectionStrings__MySql</c>).</summary>
    public required string ConnectionString { get; init; }

    /// <summary>Used when the connection string sets no <c>Connection Timeout</c>: short, so an outage fails requests fast.</summary>
    public TimeSpan ConnectTimeout { get; init; } = TimeSpan.FromSeconds(3);

    /// <summary>Attempts of an operation that hits a transient failure (a deadlock, a dropped connection).</summary>
    public int MaxAttempts { get; init; } = 3;

    /// <summary>The wait before the second attempt; it doubles for each further one, with jitter.</summary>
    public TimeSpan FirstRetryDelay { get; init; } = TimeSpan.FromMilliseconds(50);

    /// <summary>How long requests fail at once after the server could not be reached, before one request tries again.</summary>
    public TimeSpan BreakDuration { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>Whether the host applies pending migrations when it starts (otherwise run the <c>migrate</c> command).</summary>
    public bool MigrateOnStart { get; init; } = true;

    /// <summary>
    /// Whether a pooled connection is reset each time it is taken (a round trip), used when the connection string sets
    /// no <c>Connection Reset</c>. A pool whose callers leave no session state behind can skip it.
    /// </summary>
    public bool ResetPooledConnections { get; init; } = true;

    /// <summary>
    /// Reads <c>ConnectionStrings:MySql</c> and the optional <c>Storage:MySql:ConnectTimeoutSeconds</c>,
    /// <c>:MaxAttempts</c>, <c>:BreakSeconds</c> and <c>:MigrateOnStart</c>.
    /// </summary>
    public static MySqlStorageOptions FromConfiguration(IConfiguration configuration)
    {
        var connectionString = configuration.GetConnectionString("MySql");
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            throw new InvalidOperationException("ConnectionStrings:MySql is not set (environment: ConnectionStrings__MySql).");
        }

        var defaults = new MySqlStorageOptions { ConnectionString = connectionString };
        var section = configuration.GetSection("Storage:MySql");
        return defaults with
        {
            ConnectTimeout = TimeSpan.FromSeconds(ReadInt(section, "ConnectTimeoutSeconds", (int)defaults.ConnectTimeout.TotalSeconds)),
            MaxAttempts = ReadInt(section, "MaxAttempts", defaults.MaxAttempts),
            BreakDuration = TimeSpan.FromSeconds(ReadInt(section, "BreakSeconds", (int)defaults.BreakDuration.TotalSeconds)),
            MigrateOnStart = !bool.TryParse(section["MigrateOnStart"], out var migrate) || migrate,
        };
    }

    /// <summary>The connection string with the short connect timeout and the reset choice, unless it sets its own.</summary>
    public string EffectiveConnectionString()
    {
        var builder = new MySqlConnectionStringBuilder(ConnectionString);
        if (!builder.ContainsKey("Connection Timeout"))
        {
            builder.ConnectionTimeout = (uint)Math.Max(1, Math.Ceiling(ConnectTimeout.TotalSeconds));
        }

        if (!builder.ContainsKey("Connection Reset"))
        {
            builder.ConnectionReset = ResetPooledConnections;
        }

        return builder.ConnectionString;
    }

    private static int ReadInt(IConfiguration section, string name, int fallback)
    {
        var text = section[name];
        if (string.IsNullOrWhiteSpace(text))
        {
            return fallback;
        }

        return int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value >= 1
            ? value
            : throw new InvalidOperationException($"Storage:MySql:{name} must be a positive integer; it is '{text}'.");
    }
}
