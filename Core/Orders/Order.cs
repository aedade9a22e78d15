using Portable.Core.Validation;

namespace Portable.Core.Orders;

/// <summary>
/// The order aggregate. Its status changes only through the guarded methods below, which refuse a
/// transition the lifecycle does not allow (<see cref="ConflictException"/>, answered with 409).
/// </summary>
public sealed class Order
{
    private Order(OrderId id, string item, int amount, string? description, string orderedBy, DateTimeOffset createdAt)
    {
        Id = id;
        Item = item;
        Amount = amount;
        Description = description;
        OrderedBy = orderedBy;
        CreatedAt = createdAt;
        UpdatedAt = createdAt;
    }

    public OrderId Id { get; }

    public string Item { get; }

    public int Amount { get; }

    public string? Description { get; }

    public string OrderedBy { get; }

    public OrderStatus Status { get; private set; } = OrderStatus.Processing;

    /// <summary>The captured payment, kept so a cancellation can refund it.</summary>
    public string? PaymentId { get; private set; }

    public string? StatusReason { get; private set; }

    public DateTimeOffset CreatedAt { get; }

    public DateTimeOffset UpdatedAt { get; private set; }

    public bool IsFinal => Status is OrderStatus.Failed or OrderStatus.Completed or OrderStatus.Cancelled;

    public bool CanCancel => !IsFinal;

    public static Order Place(OrderId id, NewOrder request, string orderedBy, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentException.ThrowIfNullOrWhiteSpace(orderedBy);
        return new Order(id, request.Item, request.Amount, request.Description, orderedBy, now);
    }

    /// <summary>Rebuilds an order from storage without replaying its transitions.</summary>
    public static Order Restore(
        OrderId id, string item, int amount, string? description, string orderedBy, OrderStatus status,
        string? paymentId, string? statusReason, DateTimeOffset createdAt, DateTimeOffset updatedAt) =>
        new(id, item, amount, description, orderedBy, createdAt)
        {
            Status = status,
            PaymentId = paymentId,
            StatusReason = statusReason,
            UpdatedAt = updatedAt,
        };

    public void MarkPlaced(string paymentId, DateTimeOffset now)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(paymentId);
        Move(OrderStatus.Placed, now, OrderStatus.Processing);
        PaymentId = paymentId;
    }

    public void MarkFailed(string reason, DateTimeOffset now)
    {
        Move(OrderStatus.Failed, now, OrderStatus.Processing);
        StatusReason = reason;
    }

    public void MarkInTransit(DateTimeOffset now) => Move(OrderStatus.InTransit, now, OrderStatus.Placed);

    public void MarkCompleted(DateTimeOffset now) => Move(OrderStatus.Completed, now, OrderStatus.InTransit);

    public void Cancel(string reason, DateTimeOffset now)
    {
        EnsureCancellable();
        Status = OrderStatus.Cancelled;
        StatusReason = reason;
        UpdatedAt = now;
    }

    /// <summary>
    /// Refuses, naming the state, a cancellation that can no longer win: a COMPLETED order keeps its payment, a FAILED
    /// one took none, a CANCELLED one is refunded already. PROCESSING, PLACED and IN_TRANSIT orders can be cancelled.
    /// </summary>
    public void EnsureCancellable()
    {
        if (!CanCancel)
        {
            throw new ConflictException(Status switch
            {
                OrderStatus.Cancelled => $"Order {Id} is already cancelled (CANCELLED).",
                OrderStatus.Completed => $"Order {Id} is already completed (COMPLETED) and can no longer be cancelled.",
                _ => $"Order {Id} failed (FAILED) and was never placed, so there is nothing to cancel.",
            });
        }
    }

    private void Move(OrderStatus to, DateTimeOffset now, params ReadOnlySpan<OrderStatus> from)
    {
        if (!from.Contains(Status))
        {
            throw new ConflictException($"Order {Id} cannot move from {Status} to {to}.");
        }

        Status = to;
        UpdatedAt = now;
    }
}
