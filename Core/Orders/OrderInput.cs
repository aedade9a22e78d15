namespace Portable.Core.Orders;

/// <summary>The order workflow's input: everything it needs, fixed at start so that replays see the same values.</summary>
public sealed record OrderInput(
    string OrderId,
    string Item,
    int Amount,
    string? Description,
    string OrderedBy,
    DateTimeOffset CreatedAt,
    TimeSpan DeliveryDelay,
    int PaymentMaxAttempts,
    TimeSpan PaymentFirstRetryInterval);
