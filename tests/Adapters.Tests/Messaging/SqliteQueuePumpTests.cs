namespace Portable.Adapters.Tests.Messaging;

[TestFixture, Parallelizable(ParallelScope.Self)]
public sealed class SqliteQueuePumpTests : QueuePumpTests
{
    protected override QueueTarget CreateTarget() => new SqliteQueueTarget();
}
