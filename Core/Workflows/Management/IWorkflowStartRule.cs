using System.Text.Json;

namespace Portable.Core.Workflows.Management;

/// <summary>
/// What the management API checks before it starts a workflow by name, so that a start through it holds the workflow's
/// input to the rules its own route applies (an order started by an operator is validated as a placed order is).
/// </summary>
public interface IWorkflowStartRule
{
    /// <summary>The workflow the rule guards (names are case-insensitive).</summary>
    string WorkflowName { get; }

    /// <summary>Throws a validation exception naming the field, or a conflict, when the start must not happen.</summary>
    Task CheckAsync(JsonElement? input, string? instanceId, CancellationToken cancellationToken);
}
