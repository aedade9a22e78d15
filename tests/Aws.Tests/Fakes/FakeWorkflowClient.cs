using System.Collections.Concurrent;
using Portable.Core.Orders;
using Portable.Core.Quality;
using Portable.Core.Validation;
using Portable.Core.Workflows;

namespace Portable.Aws.Tests.Fakes;

/// <summary>Records started instances (with their inputs as the runtime stores them) and raised events; stands in for the durable runtime.</summary>
public sealed class FakeWorkflowClient : IWorkflowClient
{
    private static readonly JsonDataConverter Converter = new([OrdersJsonContext.Default, QualityJsonContext.Default]);

    private readonly ConcurrentDictionary<string, WorkflowInstance> _instances = new(StringComparer.Ordinal);

    public ConcurrentQueue<(string Name, string InstanceId, object? Input)> Started { get; } = new();

    public ConcurrentQueue<(string InstanceId, string EventName, object? Payload)> Raised { get; } = new();

    /// <summary>Instance ids whose events fail, as a broken store would.</summary>
    public ConcurrentDictionary<string, bool> FailingInstances { get; } = new(StringComparer.Ordinal);

    public void AddRunning(string instanceId, string name = "Test") =>
        _instances[instanceId] = new WorkflowInstance(instanceId, name, WorkflowRuntimeStatus.Running, DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch);

    public Task<string> ScheduleNewAsync(string name, object? input = null, StartWorkflowOptions? options = null, CancellationToken cancellationToken = default)
    {
        var id = options?.InstanceId ?? Guid.NewGuid().ToString("N");
        if (!_instances.TryAdd(id, new WorkflowInstance(id, name, WorkflowRuntimeStatus.Pending, DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch, Converter.Serialize(input))))
        {
            throw new ConflictException($"Instance '{id}' is running.");
        }

        Started.Enqueue((name, id, input));
        return Task.FromResult(id);
    }

    public Task<WorkflowInstance?> GetInstanceAsync(string instanceId, bool getInputsAndOutputs = false, bool getHistory = false, CancellationToken cancellationToken = default) =>
        Task.FromResult(_instances.GetValueOrDefault(instanceId));

    public Task RaiseEventAsync(string instanceId, string eventName, object? payload = null, CancellationToken cancellationToken = default)
    {
        if (FailingInstances.ContainsKey(instanceId))
        {
            throw new InvalidOperationException($"The store refused the event for '{instanceId}'.");
        }

        if (!_instances.ContainsKey(instanceId))
        {
            throw new NotFoundException($"Instance '{instanceId}' does not exist.");
        }

        Raised.Enqueue((instanceId, eventName, payload));
        return Task.CompletedTask;
    }

    public Task<WorkflowQueryResult> QueryAsync(WorkflowQuery query, CancellationToken cancellationToken = default) => throw new NotSupportedException();

    public Task TerminateAsync(string instanceId, string? reason = null, bool recursive = false, CancellationToken cancellationToken = default) => throw new NotSupportedException();

    public Task SuspendAsync(string instanceId, string? reason = null, CancellationToken cancellationToken = default) => throw new NotSupportedException();

    public Task ResumeAsync(string instanceId, string? reason = null, CancellationToken cancellationToken = default) => throw new NotSupportedException();

    public Task<int> PurgeAsync(string instanceId, CancellationToken cancellationToken = default) => throw new NotSupportedException();

    public Task<int> PurgeAsync(WorkflowPurgeFilter filter, CancellationToken cancellationToken = default) => throw new NotSupportedException();

    public Task<WorkflowInstance> WaitForCompletionAsync(string instanceId, CancellationToken cancellationToken = default) => throw new NotSupportedException();
}
