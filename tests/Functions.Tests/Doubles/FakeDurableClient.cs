using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Portable.Functions.Tests.Durable;

namespace Portable.Functions.Tests.Doubles;

/// <summary>Durable's client in memory: scheduled instances with their inputs as Core's converter writes them, raised events and statuses.</summary>
internal sealed class FakeDurableClient() : DurableTaskClient("test")
{
    public Dictionary<string, OrchestrationMetadata> Instances { get; } = new(StringComparer.Ordinal);

    public List<(TaskName Name, object? Input, StartOrchestrationOptions? Options)> Scheduled { get; } = [];

    public List<(string InstanceId, string EventName, object? Payload)> Raised { get; } = [];

    public void Add(string instanceId, string name, OrchestrationRuntimeStatus status) =>
        Instances[instanceId] = new OrchestrationMetadata(name, instanceId) { RuntimeStatus = status, CreatedAt = DateTimeOffset.UnixEpoch, LastUpdatedAt = DateTimeOffset.UnixEpoch };

    public override Task<string> ScheduleNewOrchestrationInstanceAsync(TaskName orchestratorName, object? input = null, StartOrchestrationOptions? options = null, CancellationToken cancellation = default)
    {
        var id = options?.InstanceId ?? Guid.NewGuid().ToString("N");
        Scheduled.Add((orchestratorName, input, options));
        Instances[id] = new OrchestrationMetadata(orchestratorName.Name, id)
        {
            RuntimeStatus = OrchestrationRuntimeStatus.Pending,
            CreatedAt = DateTimeOffset.UtcNow,
            LastUpdatedAt = DateTimeOffset.UtcNow,
            SerializedInput = Payloads.Converter.Serialize(input),
        };
        return Task.FromResult(id);
    }

    public override Task<OrchestrationMetadata?> GetInstancesAsync(string instanceId, bool getInputsAndOutputs = false, CancellationToken cancellation = default) =>
        Task.FromResult(Instances.GetValueOrDefault(instanceId));

    public override Task RaiseEventAsync(string instanceId, string eventName, object? eventPayload = null, CancellationToken cancellation = default)
    {
        Raised.Add((instanceId, eventName, eventPayload));
        return Task.CompletedTask;
    }

    /// <summary>One page of the instances the filter's statuses and creation range admit.</summary>
    public override AsyncPageable<OrchestrationMetadata> GetAllInstancesAsync(OrchestrationQuery? filter = null) =>
        Pageable.Create((continuation, pageSize, cancellation) => Task.FromResult(new Page<OrchestrationMetadata>(
            [.. Instances.Values.Where(instance => (filter?.Statuses is null || filter.Statuses.Contains(instance.RuntimeStatus))
                && (filter?.CreatedFrom is null || instance.CreatedAt >= filter.CreatedFrom)
                && (filter?.CreatedTo is null || instance.CreatedAt <= filter.CreatedTo))],
            null)));

    public override Task<OrchestrationMetadata> WaitForInstanceStartAsync(string instanceId, bool getInputsAndOutputs = false, CancellationToken cancellation = default) => throw new NotSupportedException();

    public override Task<OrchestrationMetadata> WaitForInstanceCompletionAsync(string instanceId, bool getInputsAndOutputs = false, CancellationToken cancellation = default) => throw new NotSupportedException();

    public override Task TerminateInstanceAsync(string instanceId, TerminateInstanceOptions? options = null, CancellationToken cancellation = default) => throw new NotSupportedException();

    public override Task SuspendInstanceAsync(string instanceId, string? reason = null, CancellationToken cancellation = default) => throw new NotSupportedException();

    public override Task ResumeInstanceAsync(string instanceId, string? reason = null, CancellationToken cancellation = default) => throw new NotSupportedException();

    public override Task<PurgeResult> PurgeInstanceAsync(string instanceId, PurgeInstanceOptions? options = null, CancellationToken cancellation = default) => throw new NotSupportedException();

    public override Task<PurgeResult> PurgeAllInstancesAsync(PurgeInstancesFilter filter, PurgeInstanceOptions? options = null, CancellationToken cancellation = default) => throw new NotSupportedException();

    public override ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
