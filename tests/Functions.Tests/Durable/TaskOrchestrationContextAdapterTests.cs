using Portable.Core.Orders;
using Portable.Core.Workflows;
using Portable.Functions.Durable;
using Portable.Functions.Tests.Doubles;
using CoreTaskFailedException = Portable.Core.Workflows.TaskFailedException;
using DurableFailure = Microsoft.DurableTask.TaskFailureDetails;
using DurableTaskFailedException = Microsoft.DurableTask.TaskFailedException;

namespace Portable.Functions.Tests.Durable;

public sealed class TaskOrchestrationContextAdapterTests
{
    private FakeOrchestrationContext _durable = null!;
    private TaskOrchestrationContextAdapter _adapter = null!;

    [SetUp]
    public void SetUp()
    {
        _durable = new FakeOrchestrationContext(Payloads.Converter, "OrderLifecycle", "ORD0000001");
        _adapter = new TaskOrchestrationContextAdapter(_durable, Payloads.Converter);
        _durable.Activities["Noop"] = _ => Payloads.Ok(true);
    }

    [Test]
    public void PassesIdentityTimeAndReplayStateThrough()
    {
        _durable.Replaying = true;
        var first = _adapter.NewGuid();
        Assert.Multiple(() =>
        {
            Assert.That(_adapter.InstanceId, Is.EqualTo("ORD0000001"));
            Assert.That(_adapter.Name, Is.EqualTo("OrderLifecycle"));
            Assert.That(_adapter.IsReplaying, Is.True);
            Assert.That(_adapter.CurrentUtcDateTime, Is.EqualTo(_durable.Now));
            Assert.That(_adapter.NewGuid(), Is.Not.EqualTo(first));
        });
    }

    [Test]
    public void CustomStatusIsWrittenByCoresConverter()
    {
        _adapter.SetCustomStatus(OrderStatus.InTransit);
        Assert.That(_durable.CustomStatuses, Is.EqualTo(new[] { "\"IN_TRANSIT\"" }));
    }

    [Test]
    public async Task AnActivityGetsCoresInputWithItsTaskIdAndAttempt()
    {
        _durable.Activities["Charge"] = call => Payloads.Ok(PaymentResult.Capture("PAY-" + Payloads.Read<PaymentCharge>(call.Input).OrderId));

        var first = await _adapter.CallActivityAsync<PaymentResult>("Charge", new PaymentCharge("c-1", "ORD0000001", 5));
        await _adapter.CallActivityAsync("Noop");

        Assert.Multiple(() =>
        {
            Assert.That(first, Is.EqualTo(PaymentResult.Capture("PAY-ORD0000001")));
            Assert.That(_durable.ActivityCalls.Select(call => (call.Name, call.TaskId, call.Attempt)), Is.EqualTo(new[] { ("Charge", 1, 1), ("Noop", 2, 1) }));
        });
    }

    [Test]
    public async Task AHandledFailureIsRetriedAfterDurableTimersWithBackoffAsNewTasks()
    {
        _durable.Activities["Charge"] = call => call.Attempt < 3
            ? Payloads.Fail<PaymentUnavailableException>("gateway busy")
            : Payloads.Ok(PaymentResult.Capture("PAY-1"));
        var policy = new RetryPolicy(3, TimeSpan.FromSeconds(10))
        {
            BackoffCoefficient = 2,
            Handle = failure => failure.IsCausedBy<PaymentUnavailableException>(),
        };

        var charge = _adapter.CallActivityAsync<PaymentResult>("Charge", new PaymentCharge("c-1", "ORD0000001", 5), new TaskOptions(policy));
        Assert.That(_durable.Timers, Has.Count.EqualTo(1));
        _durable.Timers[0].Fire();
        Assert.That(_durable.Timers, Has.Count.EqualTo(2));
        _durable.Timers[1].Fire();

        Assert.Multiple(async () =>
        {
            Assert.That(await charge, Is.EqualTo(PaymentResult.Capture("PAY-1")));
            Assert.That(_durable.Timers.Select(timer => timer.FireAt - _durable.Now), Is.EqualTo(new[] { TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(20) }));
            Assert.That(_durable.ActivityCalls.Select(call => (call.TaskId, call.Attempt)), Is.EqualTo(new[] { (1, 1), (2, 2), (3, 3) }));
        });
    }

    [Test]
    public void AFailureThePolicyDoesNotHandleIsCoresTaskFailedExceptionAtOnce()
    {
        _durable.Activities["Charge"] = _ => Payloads.Fail<InvalidOperationException>("card refused");
        var policy = new RetryPolicy(3, TimeSpan.FromSeconds(10)) { Handle = failure => failure.IsCausedBy<PaymentUnavailableException>() };

        var exception = Assert.ThrowsAsync<CoreTaskFailedException>(() => _adapter.CallActivityAsync<PaymentResult>("Charge", null, new TaskOptions(policy)));

        Assert.Multiple(() =>
        {
            Assert.That(exception!.TaskName, Is.EqualTo("Charge"));
            Assert.That(exception.FailureDetails.IsCausedBy<InvalidOperationException>(), Is.True);
            Assert.That(exception.FailureDetails.ErrorMessage, Is.EqualTo("card refused"));
            Assert.That(_durable.Timers, Is.Empty);
        });
    }

    [Test]
    public void DurablesOwnTaskFailureIsMappedToCoresException()
    {
        _durable.Activities["Charge"] = _ => throw new DurableTaskFailedException(
            "Charge", 7, new DurableFailure("System.TimeoutException", "timed out", null, new DurableFailure("System.IO.IOException", "reset", null, null, null), null));

        var exception = Assert.ThrowsAsync<CoreTaskFailedException>(() => _adapter.CallActivityAsync("Charge"));

        Assert.Multiple(() =>
        {
            Assert.That(exception!.FailureDetails.IsCausedBy<TimeoutException>(), Is.True);
            Assert.That(exception.FailureDetails.InnerFailure?.IsCausedBy<IOException>(), Is.True);
        });
    }

    [Test]
    public void NoAttemptStartsAfterTheRetryTimeout()
    {
        _durable.Activities["Flaky"] = _ => Payloads.Fail<TimeoutException>("slow");
        var policy = new RetryPolicy(5, TimeSpan.FromMinutes(1)) { RetryTimeout = TimeSpan.FromSeconds(90) };

        var call = _adapter.CallActivityAsync("Flaky", null, new TaskOptions(policy));
        _durable.Now = _durable.Now.AddMinutes(1);
        _durable.Timers[0].Fire();

        Assert.ThrowsAsync<CoreTaskFailedException>(() => call);
        Assert.That(_durable.ActivityCalls, Has.Count.EqualTo(2));
    }

    [Test]
    public async Task ACancelledTimerIsCancelledAtTheNextCallWithoutRegisteringOnTheToken()
    {
        using var cancellation = new CancellationTokenSource();
        var timer = _adapter.CreateTimer(TimeSpan.FromMinutes(5), cancellation.Token);

        // Nothing registered on the caller's token, so CancelAsync completes inline and the orchestrator stays on its thread.
        var cancelled = cancellation.CancelAsync();
        Assert.That(cancelled.IsCompleted, Is.True);
        Assert.That(_durable.Timers[0].Token.IsCancellationRequested, Is.False);

        await _adapter.CallActivityAsync("Noop");

        Assert.Multiple(() =>
        {
            Assert.That(_durable.Timers[0].Token.IsCancellationRequested, Is.True);
            Assert.That(timer.IsCanceled, Is.True);
        });
    }

    [Test]
    public async Task AnEventThatReachesAnAbandonedWaitIsKeptForTheNextWait()
    {
        using var cancellation = new CancellationTokenSource();
        var abandoned = _adapter.WaitForExternalEvent<string>("Ping", cancellation.Token);
        await cancellation.CancelAsync();

        var second = _adapter.WaitForExternalEvent<string>("Ping");
        _durable.Raise("Ping", "first");
        _durable.Raise("Ping", "second");
        var third = _adapter.WaitForExternalEvent<string>("Ping");

        Assert.Multiple(async () =>
        {
            Assert.That(abandoned.IsCanceled, Is.True);
            Assert.That(await second, Is.EqualTo("first"));
            Assert.That(third.IsCompleted, Is.True);
            Assert.That(await third, Is.EqualTo("second"));
        });
    }

    [Test]
    public async Task AWaitWithATimeoutThrowsTimeoutExceptionAndKeepsALateEvent()
    {
        var wait = _adapter.WaitForExternalEvent<string>("Go", TimeSpan.FromMinutes(1));
        Assert.That(_durable.Timers[0].FireAt, Is.EqualTo(_durable.Now.AddMinutes(1)));
        _durable.Timers[0].Fire();

        Assert.ThrowsAsync<TimeoutException>(() => wait);
        _durable.Raise("Go", "late");
        Assert.That(await _adapter.WaitForExternalEvent<string>("Go"), Is.EqualTo("late"));
    }

    [Test]
    public async Task AnEventBeforeTheTimeoutCancelsTheTimer()
    {
        var wait = _adapter.WaitForExternalEvent<CancelRequest>("Cancel", TimeSpan.FromMinutes(1));
        _durable.Raise("Cancel", new CancelRequest("dev@example.com", DateTimeOffset.UnixEpoch));

        Assert.Multiple(async () =>
        {
            Assert.That((await wait).RequestedBy, Is.EqualTo("dev@example.com"));
            Assert.That(_durable.Timers[0].Task.IsCanceled, Is.True);
        });
    }

    [Test]
    public void AFailedSubOrchestrationIsCoresSubOrchestrationFailedException()
    {
        _durable.SubOrchestrators["Child"] = _ => throw new DurableTaskFailedException(
            "Child", 3, new DurableFailure(typeof(InvalidOperationException).FullName!, "child broke", null, null, null));

        var exception = Assert.ThrowsAsync<SubOrchestrationFailedException>(() => _adapter.CallSubOrchestratorAsync<string>("Child", "in"));

        Assert.Multiple(() =>
        {
            Assert.That(exception!.Name, Is.EqualTo("Child"));
            Assert.That(exception.InstanceId, Is.Not.Empty);
            Assert.That(exception.FailureDetails.IsCausedBy<InvalidOperationException>(), Is.True);
        });
    }

    [Test]
    public async Task ASubOrchestrationAnswersThroughTheConverter()
    {
        _durable.SubOrchestrators["Child"] = input => $"child got {input}";
        Assert.That(await _adapter.CallSubOrchestratorAsync<string>("Child", "in", new SubOrchestrationOptions("child-1")), Is.EqualTo("child got in"));
    }

    [Test]
    public async Task ContinueAsNewCarriesKeptEventsToTheNextExecution()
    {
        using var cancellation = new CancellationTokenSource();
        _ = _adapter.WaitForExternalEvent<string>("Ping", cancellation.Token);
        await cancellation.CancelAsync();
        await _adapter.CallActivityAsync("Noop");
        _durable.Raise("Ping", "kept");

        _adapter.ContinueAsNew("next", preserveUnprocessedEvents: true);

        Assert.Multiple(() =>
        {
            Assert.That(_durable.SentEvents.Select(sent => (sent.InstanceId, sent.EventName)), Is.EqualTo(new[] { ("ORD0000001", "Ping") }));
            Assert.That(_durable.ContinuedAsNew, Is.EqualTo(((object?)"next", true)));
        });
    }
}
