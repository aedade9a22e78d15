using System.Collections.Concurrent;

namespace Portable.Adapters.Durable.Replay;

/// <summary>
/// Runs orchestrator code on the calling thread, one continuation at a time, and only when the
/// replay loop drains it. Continuations of awaits inside the code (and of Task.WhenAll / WhenAny over
/// its tasks) are queued here and run in the order history completes tasks, which keeps replays
/// deterministic. Nothing runs inline or on the thread pool.
/// </summary>
internal sealed class WorkflowTaskScheduler : TaskScheduler
{
    // Concurrent only because misbehaving code may await a foreign task that completes elsewhere.
    private readonly ConcurrentQueue<Task> _queue = new();

    public override int MaximumConcurrencyLevel => 1;

    public Task<T> Start<T>(Func<Task<T>> run) =>
        Task.Factory.StartNew(run, CancellationToken.None, TaskCreationOptions.None, this).Unwrap();

    /// <summary>Runs queued continuations until the code waits on something history has not completed.</summary>
    public void RunUntilIdle()
    {
        var prior = SynchronizationContext.Current;
        SynchronizationContext.SetSynchronizationContext(null);
        try
        {
            while (_queue.TryDequeue(out var task))
            {
                TryExecuteTask(task);
            }
        }
        finally
        {
            SynchronizationContext.SetSynchronizationContext(prior);
        }
    }

    protected override void QueueTask(Task task) => _queue.Enqueue(task);

    protected override bool TryExecuteTaskInline(Task task, bool taskWasPreviouslyQueued) => false;

    protected override IEnumerable<Task> GetScheduledTasks() => _queue.ToArray();
}
