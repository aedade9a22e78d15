namespace Portable.Core.Orders;

/// <summary>The order store port.</summary>
public interface IOrderStore
{
    /// <summary>Takes the next number of the order sequence; numbers are never reused.</summary>
    Task<OrderId> NextIdAsync(CancellationToken cancellationToken);

    /// <summary>Writes a new order; an order already stored under its id is a <see cref="Validation.ConflictException"/>, never overwritten or ignored.</summary>
    Task InsertAsync(Order order, CancellationToken cancellationToken);

    Task<Order?> GetAsync(OrderId id, CancellationToken cancellationToken);

    /// <summary>Writes the order's current state.</summary>
    Task UpdateAsync(Order order, CancellationToken cancellationToken);

    /// <summary>The most recently placed orders (highest number first), only those in <paramref name="status"/> when given.</summary>
    Task<IReadOnlyList<Order>> RecentAsync(OrderStatus? status, int limit, CancellationToken cancellationToken);
}
