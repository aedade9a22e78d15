using System.Text.Json;
using Portable.Core.Validation;
using Portable.Core.Workflows;
using Portable.Core.Workflows.Management;

namespace Portable.Core.Orders;

/// <summary>
/// An order workflow started through the management API is held to the rules of a placed order: its input is an
/// order that validates as <c>POST /api/order</c>'s does, under its own order id, and that id is taken by no order and
/// no instance, so a start can never stand in for an order somebody placed.
/// </summary>
public sealed class OrderStartRule(IOrderStore store, IWorkflowClient workflows, IDataConverter converter) : IWorkflowStartRule
{
    public string WorkflowName => OrderWorkflow.Name;

    public async Task CheckAsync(JsonElement? input, string? instanceId, CancellationToken cancellationToken)
    {
        OrderInput? order;
        try
        {
            order = input is { ValueKind: JsonValueKind.Object } json ? converter.Deserialize<OrderInput>(json.GetRawText()) : null;
        }
        catch (JsonException exception)
        {
            throw new ValidationException("body", $"is not an order workflow's input: {exception.Message}");
        }

        if (order is null)
        {
            throw new ValidationException("body", "must be an order workflow's input object.");
        }

        var errors = new ValidationErrors();
        if (!OrderId.TryParse(order.OrderId, out var id))
        {
            errors.Add("orderId", "must be an order id such as ORD0000001.");
        }
        else if (!string.Equals(instanceId, id.Value, StringComparison.Ordinal))
        {
            errors.Add("id", $"an order workflow runs under its order's id; start it at .../orchestrators/{OrderWorkflow.Name}/{id.Value}.");
        }

        if (string.IsNullOrWhiteSpace(order.OrderedBy))
        {
            errors.Add("orderedBy", "is required.");
        }

        try
        {
            NewOrder.Create(order.Item, order.Amount, order.Description);
        }
        catch (ValidationException invalid)
        {
            foreach (var (field, messages) in invalid.Errors)
            {
                foreach (var message in messages)
                {
                    errors.Add(field, message);
                }
            }
        }

        errors.ThrowIfAny();
        if (await store.GetAsync(id, cancellationToken) is not null || await workflows.GetInstanceAsync(id.Value, cancellationToken: cancellationToken) is not null)
        {
            throw new ConflictException($"Order '{id}' already exists; an order id is never reused.");
        }
    }
}
