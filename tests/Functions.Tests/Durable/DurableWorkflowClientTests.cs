using Microsoft.DurableTask.Client;
using Portable.Core.Orders;
using Portable.Core.Validation;
using Portable.Core.Workflows;
using Portable.Functions.Durable;
using Portable.Functions.Tests.Doubles;

namespace Portable.Functions.Tests.Durable;

public sealed class DurableWorkflowClientTests
{
    private FakeDurableClient _durable = null!;
    private DurableWorkflowClient _client = null!;

    [SetUp]
    public void SetUp()
    {
        _durable = new FakeDurableClient();
        _client = new DurableWorkflowClient(() => _durable, new WorkflowRegistry().AddOrderWorkflow());
    }

    [TearDown]
    public async Task TearDown() => await _durable.DisposeAsync();

    [Test]
    public async Task StartingSchedulesTheNamedOrchestrationUnderTheGivenId()
    {
        var id = await _client.ScheduleNewAsync(OrderWorkflow.Name, "input", new StartWorkflowOptions("ORD0000001"));

        Assert.Multiple(() =>
        {
            Assert.That(id, Is.EqualTo("ORD0000001"));
            Assert.That(_durable.Scheduled.Single().Name.Name, Is.EqualTo(OrderWorkflow.Name));
            Assert.That(_durable.Scheduled.Single().Input, Is.EqualTo("input"));
        });
    }

    [Test]
    public async Task ARunningIdIsAConflictAndAnEndedOneStartsAfresh()
    {
        _durable.Add("running", OrderWorkflow.Name, OrchestrationRuntimeStatus.Running);
        _durable.Add("ended", OrderWorkflow.Name, OrchestrationRuntimeStatus.Completed);

        Assert.ThrowsAsync<ConflictException>(() => _client.ScheduleNewAsync(OrderWorkflow.Name, null, new StartWorkflowOptions("running")));
        Assert.That(await _client.ScheduleNewAsync(OrderWorkflow.Name, null, new StartWorkflowOptions("ended")), Is.EqualTo("ended"));
    }

    [Test]
    public void AnUnknownWorkflowOrInstanceIsNotFound()
    {
        Assert.ThrowsAsync<NotFoundException>(() => _client.ScheduleNewAsync("Nope"));
        Assert.ThrowsAsync<NotFoundException>(() => _client.RaiseEventAsync("missing", OrderEvents.Cancel));
    }

    [Test]
    public async Task AnInstanceReadsAsCoresView()
    {
        _durable.Instances["ORD0000002"] = new OrchestrationMetadata(OrderWorkflow.Name, "ORD0000002")
        {
            RuntimeStatus = OrchestrationRuntimeStatus.Failed,
            SerializedCustomStatus = "\"FAILED\"",
            FailureDetails = new Microsoft.DurableTask.TaskFailureDetails("System.InvalidOperationException", "broken", null, null, null),
        };

        var instance = await _client.GetInstanceAsync("ORD0000002", getInputsAndOutputs: true);

        Assert.Multiple(() =>
        {
            Assert.That(instance!.RuntimeStatus, Is.EqualTo(WorkflowRuntimeStatus.Failed));
            Assert.That(instance.IsCompleted, Is.True);
            Assert.That(instance.ReadCustomStatusAs<OrderStatus>(Payloads.Converter), Is.EqualTo(OrderStatus.Failed));
            Assert.That(instance.FailureDetails!.IsCausedBy<InvalidOperationException>(), Is.True);
        });
    }
}
