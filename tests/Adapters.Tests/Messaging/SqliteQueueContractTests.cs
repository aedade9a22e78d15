namespace Portable.Adapters.Tests.Messaging;

[TestFixture, Parallelizable(ParallelScope.Self)]
public sealed class SqliteQueueContractTests : QueueContractTests
{
    protected override QueueTarget CreateTarget() => new SqliteQueueTarget();
}
