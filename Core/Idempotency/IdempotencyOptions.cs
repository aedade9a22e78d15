using Portable.Core.Settings;

namespace Portable.Core.Idempotency;

/// <summary>How long idempotency keys are kept (<c>Idempotency:Window</c>; a duration such as <c>1.00:00:00</c>).</summary>
public sealed record IdempotencyOptions : IValidatedOptions
{
    public const string Section = "Idempotency";

    /// <summary>A repeat within this time of the first use of its key gets the first answer; after it, the key is forgotten.</summary>
    public TimeSpan Window { get; set; } = TimeSpan.FromDays(1);

    public IEnumerable<string> Problems()
    {
        if (Window <= TimeSpan.Zero)
        {
            yield return $"{Section}:Window must be positive.";
        }
    }
}
