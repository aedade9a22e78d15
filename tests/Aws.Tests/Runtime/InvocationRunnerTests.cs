using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using Portable.Adapters.Aws.Runtime;
using Portable.Aws.Tests.Handlers;

namespace Portable.Aws.Tests.Runtime;

public sealed class InvocationRunnerTests
{
    /// <summary>Waits on its token and tells what it saw.</summary>
    private sealed class WaitingHandler(ILogger<WaitingHandler> logger) : ILambdaHandler
    {
        public TaskCompletionSource Started { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public CancellationToken Token { get; private set; }

        public string? TraceVariable { get; private set; }

        public TimeSpan RemainingAtStart { get; private set; }

        public async Task<byte[]> HandleAsync(ReadOnlyMemory<byte> payload, InvocationContext context, CancellationToken cancellationToken)
        {
            TraceVariable = Environment.GetEnvironmentVariable(RuntimeHeaders.TraceEnvironmentVariable);
            RemainingAtStart = context.Remaining;
            Token = cancellationToken;
            logger.LogInformation("working");
            Started.SetResult();
            await Task.Delay(Timeout.InfiniteTimeSpan, cancellationToken);
            return [];
        }
    }

    private static readonly DateTimeOffset Start = DateTimeOffset.Parse("2026-11-24T14:00:00Z", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>A runner whose token fires a second before the invocation's deadline.</summary>
    private static InvocationRunner Runner(TestHost host, ILambdaHandler handler, TimeProvider time) =>
        new(handler, new LambdaOptions { DeadlineMargin = TimeSpan.FromSeconds(1) }, time, host.Services.GetRequiredService<ILogger<InvocationRunner>>(),
            host.Services.GetRequiredService<IExternalScopeProvider>());

    private static WaitingHandler Waiting(TestHost host) => new(host.Services.GetRequiredService<ILogger<WaitingHandler>>());

    [Test]
    public async Task The_token_fires_the_safety_margin_before_the_deadline_and_logs_carry_request_and_trace_ids()
    {
        await using var host = TestHost.Create();
        var time = new FakeTimeProvider(Start);
        var handler = Waiting(host);
        var runner = Runner(host, handler, time);
        var invocation = new Invocation("req-1", time.GetUtcNow().AddSeconds(10), null, "Root=1-5759e988-bd862e3fe1be46a994272793", Encoding.UTF8.GetBytes("{}"));

        var running = runner.RunAsync(invocation, CancellationToken.None);
        await handler.Started.Task;
        time.Advance(TimeSpan.FromSeconds(8.9));

        // The fake clock fires due timers inside Advance, so the token's state is settled here.
        var stillRunning = !handler.Token.IsCancellationRequested;
        time.Advance(TimeSpan.FromSeconds(0.2));

        Assert.That(async () => await running, Throws.InstanceOf<OperationCanceledException>());
        Assert.Multiple(() =>
        {
            Assert.That(stillRunning, Is.True, "not before deadline - margin");
            Assert.That(handler.RemainingAtStart, Is.EqualTo(TimeSpan.FromSeconds(9)));
            Assert.That(handler.TraceVariable, Is.EqualTo("Root=1-5759e988-bd862e3fe1be46a994272793"));
            var line = host.LogLines.Single(entry => entry.GetProperty("message").GetString() == "working");
            Assert.That(line.GetProperty("AwsRequestId").GetString(), Is.EqualTo("req-1"));
            Assert.That(line.GetProperty("TraceId").GetString(), Is.EqualTo("Root=1-5759e988-bd862e3fe1be46a994272793"));
            Assert.That(line.GetProperty("level").GetString(), Is.EqualTo("INFO"));
        });
    }

    [Test]
    public async Task A_handler_that_answers_without_waiting_arms_no_deadline_timer()
    {
        await using var host = TestHost.Create();
        var time = new ArmedTimers(Start);
        var runner = Runner(host, new AnsweringHandler(), time);

        var response = await runner.RunAsync(new Invocation("req-sync", time.GetUtcNow().AddSeconds(10), null, null, "{}"u8.ToArray()), CancellationToken.None);

        Assert.Multiple(() =>
        {
            Assert.That(Encoding.UTF8.GetString(response), Is.EqualTo("answered"));
            Assert.That(time.DueTimes, Is.Empty);
        });
    }

    [Test]
    public async Task A_handler_that_waits_gets_a_timer_for_what_is_left_before_the_margin()
    {
        await using var host = TestHost.Create();
        var time = new ArmedTimers(Start);
        var handler = Waiting(host);
        var runner = Runner(host, handler, time);

        var running = runner.RunAsync(new Invocation("req-wait", time.GetUtcNow().AddSeconds(10), null, null, "{}"u8.ToArray()), CancellationToken.None);
        await handler.Started.Task;
        time.Advance(TimeSpan.FromSeconds(9));

        Assert.That(async () => await running, Throws.InstanceOf<OperationCanceledException>());
        Assert.That(time.DueTimes, Is.EqualTo(new[] { TimeSpan.FromSeconds(9) }));
    }

    [Test]
    public async Task On_the_system_clock_a_waiting_handler_is_cancelled_the_margin_before_the_deadline()
    {
        await using var host = TestHost.Create();
        var handler = Waiting(host);
        var runner = Runner(host, handler, TimeProvider.System);
        var deadline = DateTimeOffset.UtcNow.AddSeconds(1.2);

        var running = runner.RunAsync(new Invocation("req-system", deadline, null, null, "{}"u8.ToArray()), CancellationToken.None);

        Assert.That(async () => await running, Throws.InstanceOf<OperationCanceledException>());
        // Not at once: the timer's millisecond clock may fire a tick before the wall clock's instant, hence the slack.
        Assert.That(DateTimeOffset.UtcNow, Is.GreaterThan(deadline.AddSeconds(-1.1)));
    }

    [Test]
    public async Task A_deadline_already_past_cancels_the_token_before_the_handler_starts()
    {
        await using var host = TestHost.Create();
        var time = new FakeTimeProvider(Start);
        var handler = Waiting(host);
        var runner = Runner(host, handler, time);

        var running = runner.RunAsync(new Invocation("req-late", time.GetUtcNow().AddMilliseconds(500), null, null, "{}"u8.ToArray()), CancellationToken.None);

        Assert.That(async () => await running, Throws.InstanceOf<OperationCanceledException>());
        Assert.That(handler.Token.IsCancellationRequested, Is.True);
    }

    /// <summary>Answers at once, without waiting on anything.</summary>
    private sealed class AnsweringHandler : ILambdaHandler
    {
        public Task<byte[]> HandleAsync(ReadOnlyMemory<byte> payload, InvocationContext context, CancellationToken cancellationToken) =>
            Task.FromResult("answered"u8.ToArray());
    }

    /// <summary>A fake clock that records every finite due time a timer was created or changed with.</summary>
    private sealed class ArmedTimers(DateTimeOffset start) : FakeTimeProvider(start)
    {
        private readonly List<TimeSpan> _dueTimes = [];

        public IReadOnlyList<TimeSpan> DueTimes
        {
            get
            {
                lock (_dueTimes)
                {
                    return [.. _dueTimes];
                }
            }
        }

        public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
        {
            Record(dueTime);
            return new RecordingTimer(base.CreateTimer(callback, state, dueTime, period), this);
        }

        private void Record(TimeSpan dueTime)
        {
            if (dueTime != Timeout.InfiniteTimeSpan)
            {
                lock (_dueTimes)
                {
                    _dueTimes.Add(dueTime);
                }
            }
        }

        private sealed class RecordingTimer(ITimer inner, ArmedTimers owner) : ITimer
        {
            public bool Change(TimeSpan dueTime, TimeSpan period)
            {
                owner.Record(dueTime);
                return inner.Change(dueTime, period);
            }

            public void Dispose() => inner.Dispose();

            public ValueTask DisposeAsync() => inner.DisposeAsync();
        }
    }
}
