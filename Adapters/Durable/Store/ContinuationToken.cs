using System.Globalization;
using System.Text;
using Portable.Core.Validation;

namespace Portable.Adapters.Durable.Store;

/// <summary>
/// Where a page of <see cref="InstanceStatePage"/> ended: the last row's creation time (UTC ticks) and id, the keys of
/// the query's order. Every store writes it the same way, as an opaque string.
/// </summary>
public readonly record struct ContinuationToken(long CreatedTicks, string InstanceId)
{
    public override string ToString() =>
        Convert.ToBase64String(Encoding.UTF8.GetBytes(string.Create(CultureInfo.InvariantCulture, $"{CreatedTicks}|{InstanceId}")));

    public static ContinuationToken Parse(string token)
    {
        try
        {
            var text = Encoding.UTF8.GetString(Convert.FromBase64String(token));
            var separator = text.IndexOf('|', StringComparison.Ordinal);
            if (separator > 0 && long.TryParse(text.AsSpan(0, separator), NumberStyles.Integer, CultureInfo.InvariantCulture, out var ticks))
            {
                return new ContinuationToken(ticks, text[(separator + 1)..]);
            }
        }
        catch (FormatException)
        {
        }

        throw new ValidationException("continuationToken", "The continuation token is not valid.");
    }
}
