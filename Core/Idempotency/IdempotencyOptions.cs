using Microsoft.Extensions.Configuration;
using Portable.Core.Settings;

namespace Portable.Core.Idempotency;

/// <summary>
/// How long idempotency keys are kept (<c>Idempotency:Window</c>; a duration such as <c>1.00:00:00</c>), and how the
/// hourly sweep deletes the expired ones (<c>Idempotency:Sweep:*</c>).
/// </summary>
public sealed record IdempotencyOptions : IValidatedOptions
{
    public const string Section = "Idempotency";

    /// <summary>The most keys one batch of the sweep deletes; a batch far larger would hold its locks for long.</summary>
    public const int MaxSweepBatchSize = 100_000;

    /// <summary>A repeat within this time of the first use of its key gets the first answer; after it, the key is forgotten.</summary>
    public TimeSpan Window { get; set; } = TimeSpan.FromDays(1);

    /// <summary>Expired keys deleted by each of the sweep's transactions (<c>Idempotency:Sweep:BatchSize</c>).</summary>
    [ConfigurationKeyName("Sweep:BatchSize")]
    public int SweepBatchSize { get; set; } = 1000;

    /// <summary>Batches one sweep runs at most; more expired keys wait for the next run (<c>Idempotency:Sweep:MaxBatches</c>).</summary>
    [ConfigurationKeyName("Sweep:MaxBatches")]
    public int SweepMaxBatches { get; set; } = 100;

    public IEnumerable<string> Problems()
    {
        if (Window <= TimeSpan.Zero)
        {
            yield return $"{Section}:Window must be positive.";
        }

        if (SweepBatchSize is < 1 or > MaxSweepBatchSize)
        {
            yield return $"{Section}:Sweep:BatchSize must be from 1 to {MaxSweepBatchSize}; it is {SweepBatchSize}.";
        }

        if (SweepMaxBatches < 1)
        {
            yield return $"{Section}:Sweep:MaxBatches must be at least 1; it is {SweepMaxBatches}.";
        }
    }
}
