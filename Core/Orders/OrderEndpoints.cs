using Microsoft.Extensions.Logging;
using Portable.Core.Http;
using Portable.Core.Idempotency;
using Portable.Core.Telemetry;
using Portable.Core.Workflows;

namespace Portable.Core.Orders;

/// <summary>The order API of seed 002.</summary>
public sealed class OrderEndpoints(
    OrderPlacement placement, OrderLookup orders, OrderCancellation cancellation, InstanceLinks links, ILogger<OrderEndpoints> logger)
{
    /// <summary>The wire shape <see cref="NewOrder.Parse"/> reads (names match case-insensitively: seed 002's <c>Item</c> too).</summary>
    private const string NewOrderSchema = """
        {"type":"object","additionalProperties":false,"required":["item","amount"],"properties":{
          "item":{"type":"string","minLength":1,"maxLength":200},
          "amount":{"type":"integer","format":"int32","minimum":1},
          "description":{"type":["string","null"],"maxLength":1000}}}
        """;

    public static IEnumerable<ApiRoute> Routes(Func<OrderEndpoints> endpoints)
    {
        yield return new ApiRoute("PlaceOrder", "POST", "order", AuthPolicy.OrdersBearer, LazyHandler.For(endpoints, e => e.PlaceAsync))
        {
            Summary = "Place an order; answers 202 with its id and the links of its workflow. With an Idempotency-Key header a repeat of the request gets the first answer again and places nothing; the key with another body is 422.",
            Request = ApiBodyDoc.OfSchema(NewOrderSchema) with { Example = """{"item":"book","amount":12,"description":"paperback"}""" },
            Responses =
            [
                new(202, "Accepted; follow the workflow through the links (also in Location).", ApiBodyDoc.Of(() => OrdersJsonContext.Default.OrderAccepted)),
                new(422, "The Idempotency-Key was first used with another request."),
            ],
        };
        yield return new ApiRoute("GetOrder", "GET", "order/{id}", AuthPolicy.OrdersBearer, LazyHandler.For(endpoints, e => e.GetAsync))
        {
            Summary = "An order's status and who ordered it; a customer sees only the orders its token's identity placed.",
            Responses =
            [
                new(200, "The order; status PROCESSING, from its workflow's input, until the workflow has recorded it.", ApiBodyDoc.Of(() => OrdersJsonContext.Default.OrderView)),
                new(404, "No such order, or another customer's."),
            ],
        };
        yield return new ApiRoute("CancelOrder", "PUT", "cancel/{id}", AuthPolicy.OrdersBearer, LazyHandler.For(endpoints, e => e.CancelAsync))
        {
            Summary = "Cancel an order that is not yet completed; a captured payment is refunded.",
            Responses =
            [
                new(202, "The workflow will cancel the order and refund its payment.", ApiBodyDoc.Of(() => OrdersJsonContext.Default.CancelAccepted)),
                new(404, "No such order, or another customer's."),
                new(409, "The order is completed, cancelled or failed; the problem says which."),
            ],
        };
    }

    private async ValueTask<ApiResponse> PlaceAsync(ApiRequest request, CancellationToken cancellationToken)
    {
        var order = NewOrder.Parse(request.Body);
        var key = IdempotencyKey.FromRequest(request, "order:" + request.Identity);
        OrderId id;
        try
        {
            id = await placement.PlaceAsync(order, request.Identity!, key, cancellationToken);
        }
        catch (IdempotencyMismatchException exception)
        {
            return ApiResponse.Problem(ProblemDetails.For(422, "Idempotency key reused.", exception.Message));
        }

        var instance = links.For(request, id.Value);
        return ApiResponse.Json(202, OrderAccepted.Of("Order received, processing payment", instance), OrdersJsonContext.Default.OrderAccepted)
            .WithHeader("Location", instance.StatusQueryGetUri);
    }

    private async ValueTask<ApiResponse> GetAsync(ApiRequest request, CancellationToken cancellationToken)
    {
        var order = await orders.FindAsync(request.Route("id"), request.Owner, cancellationToken);
        using var scope = WorkScope.Order(logger, order.Id.Value);
        return ApiResponse.Json(200, OrderView.Of(order), OrdersJsonContext.Default.OrderView);
    }

    private async ValueTask<ApiResponse> CancelAsync(ApiRequest request, CancellationToken cancellationToken)
    {
        var accepted = await cancellation.CancelAsync(request.Route("id"), request.Identity!, request.Owner, cancellationToken);
        return ApiResponse.Json(202, accepted, OrdersJsonContext.Default.CancelAccepted);
    }
}
