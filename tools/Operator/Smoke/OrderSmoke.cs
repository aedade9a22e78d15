using System.Text.Json;
using Portable.Operator.Api;

namespace Portable.Operator.Smoke;

/// <summary>
/// Seed 002, as its apigw_script.py walks it: a customer places an order and follows it to its final state, places
/// another and cancels it, and cannot cancel the delivered one; the operator sees the order's workflow completed.
/// </summary>
internal sealed class OrderSmoke(SmokeSession session, SmokeSteps steps)
{
    private static readonly string[] FinalStates = ["COMPLETED", "CANCELLED", "FAILED"];

    private string? _delivered;
    private string? _cancelled;

    /// <summary>Places both orders and asks for the cancel; the waits come later, beside the other flows'.</summary>
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await steps.RunAsync("orders: place an order", async () =>
        {
            _delivered = await PlaceAsync("to deliver", cancellationToken);
            return _delivered;
        }, cancellationToken);

        await steps.RunAsync("orders: place a second order and cancel it", async () =>
        {
            var id = await PlaceAsync("to cancel", cancellationToken);
            await session.ExpectAsync(202, HttpMethod.Put, $"api/cancel/{id}", session.Credentials.Customer, null, cancellationToken);
            _cancelled = id;
            return $"{id}, cancel accepted";
        }, cancellationToken);
    }

    public async Task FollowAsync(CancellationToken cancellationToken)
    {
        const string Follow = "orders: the first order reaches COMPLETED";
        var completed = _delivered is null ? Skip(Follow) : await steps.RunAsync(Follow, () => EndsAsync(_delivered, "COMPLETED", cancellationToken), cancellationToken);

        const string Cancelled = "orders: the cancelled order ends CANCELLED";
        _ = _cancelled is null ? Skip(Cancelled) : await steps.RunAsync(Cancelled, () => EndsAsync(_cancelled, "CANCELLED", cancellationToken), cancellationToken);

        const string Refused = "orders: cancelling the completed order is refused";
        const string Workflow = "management: the order's workflow reads Completed";
        if (!completed)
        {
            Skip(Refused);
            Skip(Workflow);
            return;
        }

        await steps.RunAsync(Refused, async () =>
        {
            var problem = await session.ExpectAsync(409, HttpMethod.Put, $"api/cancel/{_delivered}", session.Credentials.Customer, null, cancellationToken);
            return "409 " + (problem is { } body ? JsonFields.String(body, "detail") : "");
        }, cancellationToken);

        await steps.RunAsync(Workflow, async () =>
        {
            var instance = await session.Management.GetAsync(_delivered!, showHistory: true, cancellationToken);
            var status = JsonFields.String(instance, "runtimeStatus");
            var events = JsonFields.Items(JsonFields.Get(instance, "historyEvents")).Count();
            return status == "Completed"
                ? $"{_delivered} Completed, {events} history events"
                : throw new SmokeFailure($"{_delivered} is {status}, expected Completed");
        }, cancellationToken);
    }

    private bool Skip(string step)
    {
        steps.Skip(step, "no order to follow");
        return false;
    }

    private async Task<string> PlaceAsync(string purpose, CancellationToken cancellationToken)
    {
        var body = $"{{\"Item\":\"smoke-item\",\"Amount\":12,\"Description\":\"{session.RunId}: {purpose}\"}}";
        var accepted = await session.ExpectAsync(202, HttpMethod.Post, "api/order", session.Credentials.Customer, body, cancellationToken);
        var id = accepted is { } answer ? JsonFields.String(answer, "orderId", "id") : null;
        if (string.IsNullOrEmpty(id))
        {
            throw new SmokeFailure($"the 202 names no order id: {accepted?.GetRawText()}");
        }

        session.Record(id);
        return id;
    }

    private async Task<string> EndsAsync(string id, string expected, CancellationToken cancellationToken)
    {
        var order = await session.UntilAsync(
            $"api/order/{id}", session.Credentials.Customer, answer => FinalStates.Contains(Status(answer)), $"order {id} to reach a final state", cancellationToken);
        var status = Status(order);
        return status == expected
            ? $"{id} {status}"
            : throw new SmokeFailure($"{id} ended {status} ({JsonFields.String(order, "statusReason")}), expected {expected}");
    }

    private static string Status(JsonElement order) => JsonFields.String(order, "status") ?? "";
}
