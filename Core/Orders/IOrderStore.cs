using Portable.Core.Idempotency;

namespace Portable.Core.Orders;

/// <summary>The order store port.</summary>
public interface IOrderStore
{
    /// <summary>Takes the next number of the order sequence; numbers are never reused.</summary>
    Task<OrderId> NextIdAsync(CancellationToken cancellationToken);

    /// <summary>
    /// Takes the next number once for <paramref name="key"/>: the key is stored with the number in one transaction and
    /// kept until <paramref name="keepUntil"/>. A repeat while it is kept gets the same number (<see cref="KeyedOrderId.Repeated"/>);
    /// a repeat with another request an <see cref="IdempotencyMismatchException"/>.
    /// </summary>
    Task<KeyedOrderId> NextIdOnceAsync(IdempotencyKey key, DateTimeOffset now, DateTimeOffset keepUntil, CancellationToken cancellationToken);

    /// <summary>Writes a new order; an order already stored under its id is a <see cref="Validation.ConflictException"/>, never overwritten or ignored.</summary>
    Task InsertAsync(Order order, CancellationToken cancellationToken);

    Task<Order?> GetAsync(OrderId id, CancellationToken cancellationToken);

    /// <summary>Writes the order's current state.</summary>
    Task UpdateAsync(Order order, CancellationToken cancellationToken);

    /// <summary>
    /// Writes the order's current state unless a cancel request is recorded for it, atomically with
    /// <see cref="RecordCancelRequestAsync"/>: then nothing is written and the request is returned.
    /// </summary>
    Task<CancelRequest?> UpdateUnlessCancelRequestedAsync(Order order, CancellationToken cancellationToken);

    /// <summary>
    /// Records <paramref name="request"/> for the order when <paramref name="allow"/> accepts the row as it is (null
    /// before the workflow has written it), in one step with every <see cref="UpdateUnlessCancelRequestedAsync"/>: a
    /// status written after this sees the request, one written before is what <paramref name="allow"/> is shown. A request
    /// already recorded is kept. Returns the row it was shown.
    /// </summary>
    Task<Order?> RecordCancelRequestAsync(OrderId id, CancelRequest request, Func<Order?, bool> allow, CancellationToken cancellationToken);

    /// <summary>The most recently placed orders (highest number first), only those in <paramref name="status"/> when given.</summary>
    Task<IReadOnlyList<Order>> RecentAsync(OrderStatus? status, int limit, CancellationToken cancellationToken);
}
