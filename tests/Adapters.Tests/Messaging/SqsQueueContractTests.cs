namespace Portable.Adapters.Tests.Messaging;

[TestFixture, Parallelizable(ParallelScope.Self)]
public sealed class SqsQueueContractTests : QueueContractTests
{
    protected override QueueTarget CreateTarget() => new SqsQueueTarget();
}
