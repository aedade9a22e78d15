using Microsoft.Extensions.DependencyInjection;
using Portable.Core.Http;
using Portable.Core.Workflows;

namespace Portable.Core.Orders;

/// <summary>The order API of seed 002.</summary>
public static class OrderEndpoints
{
    public static IEnumerable<ApiRoute> Routes()
    {
        yield return new ApiRoute("PlaceOrder", "POST", "order", AuthPolicy.OrdersBearer, PlaceAsync)
        {
            Summary = "Place an order; answers 202 with its id and the links of its workflow.",
        };
        yield return new ApiRoute("GetOrder", "GET", "order/{id}", AuthPolicy.OrdersBearer, GetAsync)
        {
            Summary = "An order's status and who ordered it.",
        };
        yield return new ApiRoute("CancelOrder", "PUT", "cancel/{id}", AuthPolicy.OrdersBearer, CancelAsync)
        {
            Summary = "Cancel an order that is not yet completed; a captured payment is refunded.",
        };
    }

    private static async ValueTask<ApiResponse> PlaceAsync(ApiRequest request, IServiceProvider services, CancellationToken cancellationToken)
    {
        var newOrder = NewOrder.Parse(request.Body);
        var store = services.GetRequiredService<IOrderStore>();
        var options = services.GetRequiredService<OrderOptions>();
        var now = services.GetRequiredService<TimeProvider>().GetUtcNow();
        var id = await store.NextIdAsync(cancellationToken);
        var order = Order.Place(id, newOrder, request.Identity!, now);
        var input = new OrderInput(id.Value, order.Item, order.Amount, order.Description, order.OrderedBy, now,
            options.DeliveryDelay, options.PaymentMaxAttempts, options.PaymentFirstRetryInterval);

        // The workflow first, then the row: if this process dies in between, the workflow's first activity writes the row.
        await services.GetRequiredService<IWorkflowClient>().ScheduleNewAsync(OrderWorkflow.Name, input, new StartWorkflowOptions(id.Value), cancellationToken);
        await store.InsertAsync(order, cancellationToken);

        var links = WorkflowLinks.For(request.BaseUri, id.Value);
        return ApiResponse.Json(202, new OrderAccepted("Order received, processing payment", id.Value, links), OrdersJsonContext.Default.OrderAccepted)
            .WithHeader("Location", links.StatusQueryGetUri);
    }

    private static async ValueTask<ApiResponse> GetAsync(ApiRequest request, IServiceProvider services, CancellationToken cancellationToken)
    {
        var order = await Find(request, services, cancellationToken);
        return ApiResponse.Json(200, OrderView.Of(order), OrdersJsonContext.Default.OrderView);
    }

    private static async ValueTask<ApiResponse> CancelAsync(ApiRequest request, IServiceProvider services, CancellationToken cancellationToken)
    {
        var order = await Find(request, services, cancellationToken);
        order.EnsureCancellable();
        var now = services.GetRequiredService<TimeProvider>().GetUtcNow();
        await services.GetRequiredService<IWorkflowClient>().RaiseEventAsync(order.Id.Value, OrderEvents.Cancel, new CancelRequest(request.Identity!, now), cancellationToken);
        return ApiResponse.Json(202, new CancelAccepted("Cancellation requested; the order will be cancelled and any payment refunded.", order.Id.Value), OrdersJsonContext.Default.CancelAccepted);
    }

    private static async Task<Order> Find(ApiRequest request, IServiceProvider services, CancellationToken cancellationToken)
    {
        var id = OrderId.ParseOrNotFound(request.Route("id"));
        return await services.GetRequiredService<IOrderStore>().GetAsync(id, cancellationToken)
            ?? throw new Validation.NotFoundException($"Order '{id}' does not exist.");
    }
}
