using Portable.Adapters.Tests.Messaging;

namespace Portable.Functions.Tests.Queues;

[TestFixture, Parallelizable(ParallelScope.Self)]
public sealed class StorageQueueContractTests : QueueContractTests
{
    protected override QueueTarget CreateTarget() => new StorageQueueTarget();
}
