using Microsoft.Extensions.DependencyInjection;
using Portable.Core.Telemetry;
using Portable.Core.Validation;
using Portable.Core.Workflows;

namespace Portable.Core.Orders;

/// <summary>Order operations shared by the API and operator tools, so both go through the aggregate's guards.</summary>
public static class OrderCommands
{
    /// <summary>
    /// Asks an order's workflow to cancel it on behalf of <paramref name="requestedBy"/>: a <see cref="ConflictException"/>
    /// when the lifecycle no longer allows it, a <see cref="NotFoundException"/> for an unknown id.
    /// </summary>
    public static async Task<CancelAccepted> CancelAsync(IServiceProvider services, string orderId, string requestedBy, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentException.ThrowIfNullOrWhiteSpace(requestedBy);
        var order = await FindAsync(services, orderId, cancellationToken);
        using var scope = WorkScope.Order(services, order.Id.Value);
        order.EnsureCancellable();
        var now = services.GetRequiredService<TimeProvider>().GetUtcNow();
        await services.GetRequiredService<IWorkflowClient>().RaiseEventAsync(order.Id.Value, OrderEvents.Cancel, new CancelRequest(requestedBy, now), cancellationToken);
        return new CancelAccepted("Cancellation requested; the order will be cancelled and any payment refunded.", order.Id.Value);
    }

    public static async Task<Order> FindAsync(IServiceProvider services, string orderId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(services);
        var id = OrderId.ParseOrNotFound(orderId);
        return await services.GetRequiredService<IOrderStore>().GetAsync(id, cancellationToken)
            ?? throw new NotFoundException($"Order '{id}' does not exist.");
    }
}
