using System.Globalization;
using System.Text;
using Portable.Core.Validation;

namespace Portable.Core.Quality;

/// <summary>
/// Where a page of failed samples ended: its last row's check time and sample id, the keys the list is ordered by
/// (newest first, then sample id descending). Handed to clients as an opaque continuation token.
/// </summary>
public readonly record struct FailureCursor(DateTimeOffset CheckedAt, string SampleId)
{
    public const string Field = "continuationToken";

    public static FailureCursor After(QualityRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        return new(record.CheckedAt, record.SampleId);
    }

    public override string ToString() =>
        Convert.ToBase64String(Encoding.UTF8.GetBytes(string.Create(CultureInfo.InvariantCulture, $"{CheckedAt.UtcTicks}~{SampleId}")));

    /// <exception cref="ValidationException">The token was not written by <see cref="ToString"/>.</exception>
    public static FailureCursor Parse(string token)
    {
        ArgumentNullException.ThrowIfNull(token);
        Span<byte> bytes = stackalloc byte[256];
        if (token.Length <= 344 && Convert.TryFromBase64String(token, bytes, out var written))
        {
            var text = Encoding.UTF8.GetString(bytes[..written]);
            var separator = text.IndexOf('~', StringComparison.Ordinal);
            if (separator > 0
                && long.TryParse(text.AsSpan(0, separator), NumberStyles.None, CultureInfo.InvariantCulture, out var ticks)
                && ticks <= DateTimeOffset.MaxValue.UtcTicks
                && SampleParser.IsValidSampleId(text[(separator + 1)..]))
            {
                return new(new DateTimeOffset(ticks, TimeSpan.Zero), text[(separator + 1)..]);
            }
        }

        throw new ValidationException(Field, "The continuation token is not valid.");
    }
}
