using Portable.Adapters.Tests.Messaging;
using Portable.Core.Messaging;
using Portable.Functions.Queues;
using Portable.Tests.Support;

namespace Portable.Functions.Tests.Queues;

/// <summary>Storage queues on Azurite, under a queue-name prefix of their own.</summary>
public sealed class StorageQueueTarget : QueueTarget
{
    private static readonly string RunId = Guid.NewGuid().ToString("N")[..8];
    private static int _targets;

    private readonly string _connectionString = TestServers.AzuriteQueues;
    private readonly string _prefix = $"t{RunId}-{Interlocked.Increment(ref _targets)}-";

    public override string? FifoLimitation => "Storage queues have no message groups, ordering or de-duplication; the order-dispatch consumer is idempotent.";

    public override string? LargeMessageLimitation => $"A Storage queue message holds 64 KiB once Base64-encoded; larger ones are refused ({StorageMessageQueue.MaxBodyBytes} bytes).";

    public override IQueueProvider CreateProvider(int maxReceiveCount) => new StorageQueueProvider(_connectionString, TimeProvider.System, maxReceiveCount, _prefix);
}
