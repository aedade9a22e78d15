using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Portable.Core.Validation;
using Portable.Core.Workflows;
using CorePurgeFilter = Portable.Core.Workflows.WorkflowPurgeFilter;

namespace Portable.Functions.Durable;

/// <summary>
/// Core's <see cref="IWorkflowClient"/> over Durable Functions' <see cref="DurableTaskClient"/>. Inputs, events
/// and outputs are serialized by the client's data converter, which is Core's (see
/// <see cref="Serialization.CoreObjectSerializer"/>), so stored payloads read the same as on the other hosts.
/// </summary>
public sealed class DurableWorkflowClient(Func<DurableTaskClient> client, WorkflowRegistry registry) : IWorkflowClient
{
    private static readonly OrchestrationRuntimeStatus[] Ended =
        [OrchestrationRuntimeStatus.Completed, OrchestrationRuntimeStatus.Failed, OrchestrationRuntimeStatus.Terminated];

    public async Task<string> ScheduleNewAsync(string name, object? input = null, StartWorkflowOptions? options = null, CancellationToken cancellationToken = default)
    {
        if (!registry.TryGetWorkflow(name, options?.Version, out _, out var version))
        {
            throw new NotFoundException($"No workflow named '{name}'{(options?.Version is null ? "" : $" version '{options.Version}'")} is registered.");
        }

        var durable = client();
        var instanceId = options?.InstanceId ?? Guid.NewGuid().ToString("N");

        // Core's contract: a running id is a conflict, an ended one starts afresh. Durable's answer to a
        // duplicate depends on the backend, so ask first; Core's callers tolerate the remaining race.
        if (await durable.GetInstanceAsync(instanceId, cancellationToken) is { } existing && !Ended.Contains(existing.RuntimeStatus))
        {
            throw new ConflictException($"Instance '{instanceId}' is already {Map(existing.RuntimeStatus)}.");
        }

        return await durable.ScheduleNewOrchestrationInstanceAsync(
            new TaskName(name), input, new StartOrchestrationOptions(instanceId, options?.StartAt) { Version = version }, cancellationToken);
    }

    /// <summary>History is not read here: on Azure the Durable Functions status API serves it (<c>showHistory=true</c>).</summary>
    public async Task<WorkflowInstance?> GetInstanceAsync(string instanceId, bool getInputsAndOutputs = false, bool getHistory = false, CancellationToken cancellationToken = default)
    {
        var metadata = await client().GetInstanceAsync(instanceId, getInputsAndOutputs, cancellationToken);
        return metadata is null ? null : ToInstance(metadata);
    }

    public async Task<WorkflowQueryResult> QueryAsync(WorkflowQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        var filter = new OrchestrationQuery
        {
            CreatedFrom = query.CreatedFrom,
            CreatedTo = query.CreatedTo,
            Statuses = query.Statuses?.Select(Map).ToList(),
            InstanceIdPrefix = query.InstanceIdPrefix,
            PageSize = query.PageSize,
            ContinuationToken = query.ContinuationToken,
            FetchInputsAndOutputs = query.FetchInputsAndOutputs,
        };
        await foreach (var page in client().GetAllInstancesAsync(filter).AsPages(query.ContinuationToken, query.PageSize).WithCancellation(cancellationToken))
        {
            // Durable filters by name server-side only in some backends; a name prefix is applied to the page here.
            var instances = page.Values
                .Where(metadata => query.NamePrefix is null || metadata.Name.StartsWith(query.NamePrefix, StringComparison.OrdinalIgnoreCase))
                .Select(ToInstance)
                .ToList();
            return new WorkflowQueryResult(instances, page.ContinuationToken);
        }

        return new WorkflowQueryResult([], null);
    }

    public async Task RaiseEventAsync(string instanceId, string eventName, object? payload = null, CancellationToken cancellationToken = default)
    {
        var durable = client();
        _ = await durable.GetInstanceAsync(instanceId, cancellationToken)
            ?? throw new NotFoundException($"Instance '{instanceId}' does not exist.");
        await durable.RaiseEventAsync(instanceId, eventName, payload, cancellationToken);
    }

    public Task TerminateAsync(string instanceId, string? reason = null, bool recursive = false, CancellationToken cancellationToken = default) =>
        client().TerminateInstanceAsync(instanceId, new TerminateInstanceOptions(reason, recursive), cancellationToken);

    public Task SuspendAsync(string instanceId, string? reason = null, CancellationToken cancellationToken = default) =>
        client().SuspendInstanceAsync(instanceId, reason, cancellationToken);

    public Task ResumeAsync(string instanceId, string? reason = null, CancellationToken cancellationToken = default) =>
        client().ResumeInstanceAsync(instanceId, reason, cancellationToken);

    public async Task<int> PurgeAsync(string instanceId, CancellationToken cancellationToken = default)
    {
        var durable = client();
        if (await durable.GetInstanceAsync(instanceId, cancellationToken) is { } existing && !Ended.Contains(existing.RuntimeStatus))
        {
            throw new ConflictException($"Instance '{instanceId}' is {Map(existing.RuntimeStatus)}; only ended instances can be purged.");
        }

        return (await durable.PurgeInstanceAsync(instanceId, cancellationToken)).PurgedInstanceCount;
    }

    /// <summary>Durable filters purges by creation time; an instance created before the cut-off that ended later goes too.</summary>
    public async Task<int> PurgeAsync(CorePurgeFilter filter, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(filter);
        var statuses = filter.Statuses?.Where(status => status.IsTerminal()).Select(Map).ToList() ?? [.. Ended];
        var result = await client().PurgeAllInstancesAsync(new PurgeInstancesFilter(null, filter.CompletedBefore, statuses), cancellationToken);
        return result.PurgedInstanceCount;
    }

    public async Task<WorkflowInstance> WaitForCompletionAsync(string instanceId, CancellationToken cancellationToken = default) =>
        ToInstance(await client().WaitForInstanceCompletionAsync(instanceId, getInputsAndOutputs: true, cancellationToken));

    internal static WorkflowInstance ToInstance(OrchestrationMetadata metadata) => new(
        metadata.InstanceId,
        metadata.Name,
        Map(metadata.RuntimeStatus),
        metadata.CreatedAt,
        metadata.LastUpdatedAt,
        metadata.SerializedInput,
        metadata.SerializedOutput,
        metadata.SerializedCustomStatus,
        metadata.FailureDetails is null ? null : FailureMapping.ToCore(metadata.FailureDetails));

    internal static WorkflowRuntimeStatus Map(OrchestrationRuntimeStatus status) => status switch
    {
        OrchestrationRuntimeStatus.Running => WorkflowRuntimeStatus.Running,
        OrchestrationRuntimeStatus.Completed => WorkflowRuntimeStatus.Completed,
        OrchestrationRuntimeStatus.Failed => WorkflowRuntimeStatus.Failed,
        OrchestrationRuntimeStatus.Terminated => WorkflowRuntimeStatus.Terminated,
        OrchestrationRuntimeStatus.Suspended => WorkflowRuntimeStatus.Suspended,
        _ => WorkflowRuntimeStatus.Pending,
    };

    internal static OrchestrationRuntimeStatus Map(WorkflowRuntimeStatus status) => status switch
    {
        // Durable reports an instance that continued as new as Running.
        WorkflowRuntimeStatus.Running or WorkflowRuntimeStatus.ContinuedAsNew => OrchestrationRuntimeStatus.Running,
        WorkflowRuntimeStatus.Completed => OrchestrationRuntimeStatus.Completed,
        WorkflowRuntimeStatus.Failed => OrchestrationRuntimeStatus.Failed,
        WorkflowRuntimeStatus.Terminated => OrchestrationRuntimeStatus.Terminated,
        WorkflowRuntimeStatus.Suspended => OrchestrationRuntimeStatus.Suspended,
        _ => OrchestrationRuntimeStatus.Pending,
    };
}
