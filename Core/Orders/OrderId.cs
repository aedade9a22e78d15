using System.Globalization;
using System.Text.Json.Serialization;
using Portable.Core.Validation;

namespace Portable.Core.Orders;

/// <summary>An order id: <c>ORD</c> followed by seven digits taken from a store sequence.</summary>
[JsonConverter(typeof(OrderIdJsonConverter))]
public readonly record struct OrderId
{
    public const string Prefix = "ORD";
    public const long MaxSequence = 9_999_999;

    private OrderId(string value) => Value = value;

    public string Value { get; }

    public static OrderId FromSequence(long sequence)
    {
        if (sequence is < 1 or > MaxSequence)
        {
            throw new InvalidOperationException($"Order sequence {sequence} is outside 1..{MaxSequence}; the id space is exhausted.");
        }

        return new OrderId(Prefix + sequence.ToString("D7", CultureInfo.InvariantCulture));
    }

    public static bool TryParse(string? text, out OrderId id)
    {
        id = default;
        if (text is null || text.Length != Prefix.Length + 7 || !text.StartsWith(Prefix, StringComparison.Ordinal) || text.AsSpan(Prefix.Length).IndexOfAnyExceptInRange('0', '9') >= 0)
        {
            return false;
        }

        id = new OrderId(text);
        return true;
    }

    /// <summary>Parses an id taken from a request; an id of the wrong shape is simply not found.</summary>
    public static OrderId ParseOrNotFound(string? text) =>
        TryParse(text, out var id) ? id : throw new NotFoundException($"Order '{text}' does not exist.");

    public override string ToString() => Value;
}
