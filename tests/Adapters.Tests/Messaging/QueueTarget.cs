using Portable.Core.Messaging;

namespace Portable.Adapters.Tests.Messaging;

/// <summary>One implementation of the queue port under test, with queues of its own for each test.</summary>
public abstract class QueueTarget : IDisposable
{
    /// <summary>Why this implementation cannot promise that a stale receipt changes nothing; null when it can.</summary>
    public virtual string? StaleReceiptLimitation => null;

    /// <summary>Why this implementation has no FIFO groups, ordering or de-duplication; null when it has them.</summary>
    public virtual string? FifoLimitation => null;

    /// <summary>Why this implementation cannot carry a body of 110 KiB; null when it can.</summary>
    public virtual string? LargeMessageLimitation => null;

    public abstract IQueueProvider CreateProvider(int maxReceiveCount);

    public void Dispose()
    {
        Dispose(disposing: true);
        GC.SuppressFinalize(this);
    }

    protected virtual void Dispose(bool disposing)
    {
    }
}
