using System.Text.Json;
using Microsoft.DurableTask;
using Portable.Core.Workflows;

namespace Portable.Functions.Durable;

/// <summary>Runs the Core workflow an orchestration trigger names, through <see cref="TaskOrchestrationContextAdapter"/>.</summary>
public sealed class WorkflowRunner(WorkflowRegistry registry, IDataConverter converter)
{
    public async Task<object?> RunAsync(TaskOrchestrationContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var version = string.IsNullOrEmpty(context.Version) ? null : context.Version;
        if (!registry.TryGetWorkflow(context.Name.Name, version, out var factory, out _))
        {
            throw new InvalidOperationException($"No Core workflow is registered as '{context.Name.Name}'{(version is null ? "" : $" version '{version}'")}.");
        }

        var workflow = factory();
        var adapter = new TaskOrchestrationContextAdapter(context, converter);

        // The client wrote the input with Core's converter; read it back as the workflow's own input type. Nullable:
        // the engine unboxes a missing input to the type asked for, and a struct would throw.
        var input = context.GetInput<JsonElement?>() is { ValueKind: not (JsonValueKind.Undefined or JsonValueKind.Null) } json
            ? converter.Deserialize(json.GetRawText(), workflow.InputType)
            : null;
        try
        {
            return await workflow.RunAsync(adapter, input);
        }
        finally
        {
            // Timers the workflow cancelled without calling the context again would keep the orchestration open.
            adapter.ApplyCancellations();
        }
    }
}
