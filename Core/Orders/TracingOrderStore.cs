using Portable.Core.Idempotency;
using Portable.Core.Telemetry;

namespace Portable.Core.Orders;

/// <summary>Traces every call of the order store, whichever database is behind it.</summary>
public sealed class TracingOrderStore(IOrderStore inner) : IOrderStore
{
    private const string Store = "OrderStore";

    public Task<OrderId> NextIdAsync(CancellationToken cancellationToken) =>
        StoreCalls.TraceAsync(Store, "NextId", () => inner.NextIdAsync(cancellationToken));

    public Task<KeyedOrderId> NextIdOnceAsync(IdempotencyKey key, DateTimeOffset now, DateTimeOffset keepUntil, CancellationToken cancellationToken) =>
        StoreCalls.TraceAsync(Store, "NextIdOnce", () => inner.NextIdOnceAsync(key, now, keepUntil, cancellationToken));

    public Task InsertAsync(Order order, CancellationToken cancellationToken) =>
        StoreCalls.TraceAsync(Store, "Insert", () => inner.InsertAsync(order, cancellationToken));

    public Task<Order?> GetAsync(OrderId id, CancellationToken cancellationToken) =>
        StoreCalls.TraceAsync(Store, "Get", () => inner.GetAsync(id, cancellationToken));

    public Task UpdateAsync(Order order, CancellationToken cancellationToken) =>
        StoreCalls.TraceAsync(Store, "Update", () => inner.UpdateAsync(order, cancellationToken));

    public Task<CancelRequest?> UpdateUnlessCancelRequestedAsync(Order order, CancellationToken cancellationToken) =>
        StoreCalls.TraceAsync(Store, "UpdateUnlessCancelRequested", () => inner.UpdateUnlessCancelRequestedAsync(order, cancellationToken));

    public Task<Order?> RecordCancelRequestAsync(OrderId id, CancelRequest request, Func<Order?, bool> allow, CancellationToken cancellationToken) =>
        StoreCalls.TraceAsync(Store, "RecordCancelRequest", () => inner.RecordCancelRequestAsync(id, request, allow, cancellationToken));

    public Task<IReadOnlyList<Order>> RecentAsync(OrderStatus? status, int limit, CancellationToken cancellationToken) =>
        StoreCalls.TraceAsync(Store, "Recent", () => inner.RecentAsync(status, limit, cancellationToken));
}
