using System.Globalization;
using Microsoft.Extensions.Configuration;

namespace Portable.Core.ErrorLogs;

/// <summary>How <see cref="CoalescingErrorLogStore"/> groups appends.</summary>
public sealed record CoalescingOptions
{
    /// <summary>A flush takes waiting requests until it holds this many rows (a single larger request is flushed alone).</summary>
    public int MaxRowsPerFlush { get; init; } = 4000;

    /// <summary>
    /// Flushes that may run at once. More than one keeps ingest going while a flush waits for its commit or for a
    /// CPU; on a busy 2-core machine 4 did best (bench/ErrorLogs.Bench), and the server's group commit keeps the
    /// concurrent commits to few log flushes.
    /// </summary>
    public int Writers { get; init; } = 4;

    /// <summary>Requests that may wait for a flush; further callers wait for room, which pushes back on a slow store.</summary>
    public int MaxQueuedRequests { get; init; } = 10_000;

    /// <summary>Reads <c>ErrorLogs:Coalescing:MaxRowsPerFlush</c>, <c>:Writers</c> and <c>:MaxQueuedRequests</c>; absent keys keep their defaults.</summary>
    public static CoalescingOptions FromConfiguration(IConfiguration configuration)
    {
        var defaults = new CoalescingOptions();
        return new CoalescingOptions
        {
            MaxRowsPerFlush = Read(configuration, "MaxRowsPerFlush", defaults.MaxRowsPerFlush),
            Writers = Read(configuration, "Writers", defaults.Writers),
            MaxQueuedRequests = Read(configuration, "MaxQueuedRequests", defaults.MaxQueuedRequests),
        };
    }

    internal void Validate()
    {
        if (MaxRowsPerFlush < 1 || Writers < 1 || MaxQueuedRequests < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(CoalescingOptions), this, "Every coalescing limit must be at least 1.");
        }
    }

    private static int Read(IConfiguration configuration, string name, int fallback)
    {
        var key = "ErrorLogs:Coalescing:" + name;
        var text = configuration[key];
        if (string.IsNullOrWhiteSpace(text))
        {
            return fallback;
        }

        return int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value >= 1
            ? value
            : throw new InvalidOperationException($"{key} must be a positive integer; it is '{text}'.");
    }
}
