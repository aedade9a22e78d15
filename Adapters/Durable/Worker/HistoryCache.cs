using System.Collections.Concurrent;
using Portable.Adapters.Durable.History;

namespace Portable.Adapters.Durable.Worker;

/// <summary>
/// Histories this worker saw at the end of its last step per instance, so the next step skips the
/// load when the store's last sequence number still matches (no other worker stepped in between).
/// </summary>
internal sealed class HistoryCache(int capacity)
{
    private readonly ConcurrentDictionary<string, Entry> _entries = new(StringComparer.Ordinal);

    public IReadOnlyList<HistoryEvent>? TryGet(string instanceId, string executionId, long lastSequence) =>
        _entries.TryGetValue(instanceId, out var entry)
        && entry.ExecutionId == executionId
        && entry.History.Count == lastSequence
            ? entry.History
            : null;

    /// <summary>The execution's history as this worker last committed it, whatever the store holds now.</summary>
    public IReadOnlyList<HistoryEvent>? Current(string instanceId, string executionId) =>
        _entries.TryGetValue(instanceId, out var entry) && entry.ExecutionId == executionId ? entry.History : null;

    /// <summary>The start event of the cached execution, if this worker has it.</summary>
    public ExecutionStarted? StartOf(string instanceId, string executionId) =>
        _entries.TryGetValue(instanceId, out var entry) && entry.ExecutionId == executionId
            ? DurableTracing.StartOf(entry.History)
            : null;

    public void Set(string instanceId, string executionId, IReadOnlyList<HistoryEvent> history)
    {
        if (capacity <= 0)
        {
            return;
        }

        if (_entries.Count >= capacity && !_entries.ContainsKey(instanceId))
        {
            // Crude but bounded: a cleared cache only costs history loads.
            _entries.Clear();
        }

        _entries[instanceId] = new Entry(executionId, history);
    }

    public void Remove(string instanceId) => _entries.TryRemove(instanceId, out _);

    private sealed record Entry(string ExecutionId, IReadOnlyList<HistoryEvent> History);
}
