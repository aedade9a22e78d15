using Microsoft.Extensions.Logging;
using Portable.Core.Telemetry;
using Portable.Core.Workflows;

namespace Portable.Core.Orders;

/// <summary>
/// Places an order: takes the next id and starts the order's workflow with the order as its input. The workflow's first
/// activity writes the order row, so the row has one writer; until it does, <see cref="OrderLookup"/> reads the order
/// from the workflow's input.
/// </summary>
public sealed class OrderPlacement(IOrderStore store, IWorkflowClient workflows, OrderOptions options, TimeProvider time, ILogger<OrderPlacement> logger)
{
    public async Task<OrderId> PlaceAsync(NewOrder request, string orderedBy, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var id = await store.NextIdAsync(cancellationToken);
        using var scope = WorkScope.Order(logger, id.Value);
        var order = Order.Place(id, request, orderedBy, time.GetUtcNow());
        await workflows.ScheduleNewAsync(OrderWorkflow.Reference, OrderInput.Of(order, options), new StartWorkflowOptions(id.Value), cancellationToken);
        return id;
    }
}
