namespace Portable.Adapters.Tests.Messaging;

[TestFixture, Parallelizable(ParallelScope.Self)]
public sealed class SqsQueuePumpTests : QueuePumpTests
{
    protected override QueueTarget CreateTarget() => new SqsQueueTarget();
}
