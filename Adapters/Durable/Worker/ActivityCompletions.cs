using System.Threading.Channels;
using Portable.Adapters.Durable.Store;

namespace Portable.Adapters.Durable.Worker;

/// <summary>
/// Stores activity results in batches: whatever finished while the previous batch was being written goes in the next
/// transaction, so a fan-in wakes its orchestrator once per batch. One per running worker.
/// </summary>
internal sealed class ActivityCompletions(IOrchestrationWorkerStore store, string owner, WakeupSender wakeups)
{
    private const int MaxBatch = 500;

    private readonly Channel<PendingCompletion> _pending =
        Channel.CreateUnbounded<PendingCompletion>(new UnboundedChannelOptions { SingleReader = true });

    /// <summary>Queues a result; true once it is stored, false when its lease had passed to another worker.</summary>
    public Task<bool> StoreAsync(ActivityResult result)
    {
        var completion = new PendingCompletion(result, new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously));
        _pending.Writer.TryWrite(completion);
        return completion.Stored.Task;
    }

    /// <summary>No more results come: <see cref="RunAsync"/> returns once those queued are stored.</summary>
    public void Complete() => _pending.Writer.Complete();

    /// <param name="aborting">Interrupts a write; its results then fail, and their activities run again after their leases expire.</param>
    public async Task RunAsync(CancellationToken aborting)
    {
        var reader = _pending.Reader;
        var batch = new List<PendingCompletion>(MaxBatch);
        while (await reader.WaitToReadAsync(CancellationToken.None))
        {
            batch.Clear();
            while (batch.Count < MaxBatch && reader.TryRead(out var completion))
            {
                batch.Add(completion);
            }

            try
            {
                List<ActivityResult> results = [.. batch.Select(c => c.Result)];
                var stored = await store.CompleteActivitiesAsync(owner, results, aborting);
                for (var i = 0; i < batch.Count; i++)
                {
                    batch[i].Stored.TrySetResult(stored[i]);
                }

                await wakeups.SendAsync(WakeupSender.ForStoredResults(results, stored));
            }
            catch (Exception exception)
            {
                foreach (var completion in batch)
                {
                    completion.Stored.TrySetException(exception);
                }
            }
        }
    }

    private sealed record PendingCompletion(ActivityResult Result, TaskCompletionSource<bool> Stored);
}
