using Portable.Core.Settings;

namespace Portable.Adapters.Local.Access;

/// <summary>
/// <c>RateLimit:*</c>: token buckets per credential. A request with a configured credential draws from that
/// credential's bucket; one with none, or with a credential nobody configured, from its address's, so guessing keys
/// never buys fresh buckets. The error-log write key, which devices share for ingest, has a bucket of its own size.
/// </summary>
internal sealed record RateLimitOptions : IValidatedOptions
{
    public const string Section = "RateLimit";

    public bool Enabled { get; set; } = true;

    /// <summary>Requests a second per credential (or per address), refilled continuously.</summary>
    public int PermitsPerSecond { get; set; } = 5000;

    /// <summary>How many requests a quiet credential may send at once.</summary>
    public int Burst { get; set; } = 10_000;

    /// <summary>The error-log write key's rate: device ingest is this API's hot path.</summary>
    public int IngestPermitsPerSecond { get; set; } = 100_000;

    public IEnumerable<string> Problems()
    {
        if (PermitsPerSecond < 1)
        {
            yield return $"{Section}:PermitsPerSecond must be at least 1.";
        }

        if (Burst < 1)
        {
            yield return $"{Section}:Burst must be at least 1.";
        }

        if (IngestPermitsPerSecond < 1)
        {
            yield return $"{Section}:IngestPermitsPerSecond must be at least 1.";
        }
    }
}
