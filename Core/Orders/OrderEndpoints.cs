using Microsoft.Extensions.DependencyInjection;
using Portable.Core.Http;
using Portable.Core.Telemetry;
using Portable.Core.Workflows;

namespace Portable.Core.Orders;

/// <summary>The order API of seed 002.</summary>
public static class OrderEndpoints
{
    /// <summary>The wire shape <see cref="NewOrder.Parse"/> reads (names match case-insensitively).</summary>
    private const string NewOrderSchema = """
        {"type":"object","additionalProperties":false,"required":["Item","Amount"],"properties":{
          "Item":{"type":"string","minLength":1,"maxLength":200},
          "Amount":{"type":"integer","format":"int32","minimum":1},
          "Description":{"type":["string","null"],"maxLength":1000}}}
        """;

    public static IEnumerable<ApiRoute> Routes()
    {
        yield return new ApiRoute("PlaceOrder", "POST", "order", AuthPolicy.OrdersBearer, PlaceAsync)
        {
            Summary = "Place an order; answers 202 with its id and the links of its workflow.",
            Request = ApiBodyDoc.OfSchema(NewOrderSchema),
            Responses = [new(202, "Accepted; follow the workflow through the links (also in Location).", ApiBodyDoc.Of(OrdersJsonContext.Default.OrderAccepted))],
        };
        yield return new ApiRoute("GetOrder", "GET", "order/{id}", AuthPolicy.OrdersBearer, GetAsync)
        {
            Summary = "An order's status and who ordered it.",
            Responses =
            [
                new(200, "The order.", ApiBodyDoc.Of(OrdersJsonContext.Default.OrderView)),
                new(404, "No such order."),
            ],
        };
        yield return new ApiRoute("CancelOrder", "PUT", "cancel/{id}", AuthPolicy.OrdersBearer, CancelAsync)
        {
            Summary = "Cancel an order that is not yet completed; a captured payment is refunded.",
            Responses =
            [
                new(202, "The workflow will cancel the order and refund its payment.", ApiBodyDoc.Of(OrdersJsonContext.Default.CancelAccepted)),
                new(404, "No such order."),
                new(409, "The order is completed, cancelled or failed; the problem says which."),
            ],
        };
    }

    private static async ValueTask<ApiResponse> PlaceAsync(ApiRequest request, IServiceProvider services, CancellationToken cancellationToken)
    {
        var newOrder = NewOrder.Parse(request.Body);
        var store = services.GetRequiredService<IOrderStore>();
        var options = services.GetRequiredService<OrderOptions>();
        var now = services.GetRequiredService<TimeProvider>().GetUtcNow();
        var id = await store.NextIdAsync(cancellationToken);
        using var scope = WorkScope.Order(services, id.Value);
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
        var order = await OrderCommands.FindAsync(services, request.Route("id"), cancellationToken);
        using var scope = WorkScope.Order(services, order.Id.Value);
        return ApiResponse.Json(200, OrderView.Of(order), OrdersJsonContext.Default.OrderView);
    }

    private static async ValueTask<ApiResponse> CancelAsync(ApiRequest request, IServiceProvider services, CancellationToken cancellationToken)
    {
        var accepted = await OrderCommands.CancelAsync(services, request.Route("id"), request.Identity!, cancellationToken);
        return ApiResponse.Json(202, accepted, OrdersJsonContext.Default.CancelAccepted);
    }
}
