using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using Portable.Adapters.Local.Queues;
using Portable.Core.Messaging;
using Portable.Tests.Support;

namespace Portable.Adapters.Tests.Messaging;

/// <summary>The consumer loop over each implementation of the queue port.</summary>
public abstract class QueuePumpTests
{
    private const int MaxReceiveCount = 3;

    private static readonly QueuePumpOptions Options = new()
    {
        MaxConcurrency = 4,
        WaitTime = TimeSpan.FromSeconds(1),
        VisibilityTimeout = TimeSpan.FromSeconds(2),
        RetryDelay = TimeSpan.FromMilliseconds(100),
    };

    private QueueTarget _target = null!;
    private IQueueProvider _provider = null!;
    private CapturingLogger<QueuePump> _logger = null!;

    private IMessageQueue Standard => _provider.GetQueue(QueueNames.QualitySamples);

    protected abstract QueueTarget CreateTarget();

    [SetUp]
    public void CreateQueues()
    {
        _target = CreateTarget();
        _provider = _target.CreateProvider(MaxReceiveCount);
        _logger = new CapturingLogger<QueuePump>();
    }

    [TearDown]
    public void DisposeQueues() => _target?.Dispose();

    [Test, CancelAfter(30_000)]
    public async Task Handled_messages_are_handled_once_and_deleted(CancellationToken cancellationToken)
    {
        var bodies = Enumerable.Range(0, 12).Select(i => $"sample-{i}").ToList();
        await Standard.SendAsync(bodies.ConvertAll(body => new QueueMessage(body)), cancellationToken);
        var handled = new ConcurrentQueue<string>();

        await RunUntilAsync(
            Standard,
            Options,
            (message, _) =>
            {
                handled.Enqueue(message.Body);
                return Task.CompletedTask;
            },
            () => handled.Count >= bodies.Count,
            cancellationToken);

        Assert.That(handled, Is.EquivalentTo(bodies));
        Assert.That(await Standard.ReceiveAsync(10, TimeSpan.FromSeconds(3), TimeSpan.FromSeconds(30), cancellationToken), Is.Empty, "visible again after the visibility timeout: not deleted");
    }

    [Test, CancelAfter(30_000)]
    public async Task Failing_message_is_retried_then_dead_lettered_with_its_id_logged(CancellationToken cancellationToken)
    {
        await Standard.SendAsync([new QueueMessage("bad spectrum", "S-0001")], cancellationToken);
        var attempts = new ConcurrentQueue<int>();
        var deadLetters = _provider.GetDeadLetterQueue(QueueNames.QualitySamples);

        await RunUntilAsync(
            Standard,
            Options,
            (message, _) =>
            {
                attempts.Enqueue(message.ReceiveCount);
                throw new InvalidOperationException("spectrum check crashed");
            },
            () => attempts.Count >= MaxReceiveCount,
            cancellationToken);

        // The move happens at the first receive after the last failure, by the pump or, if it stopped first, by this one.
        var afterMax = await Standard.ReceiveAsync(1, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(30), cancellationToken);
        var deadLettered = await deadLetters.ReceiveAsync(10, TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(30), cancellationToken);

        Assert.That(attempts, Is.EqualTo(new[] { 1, 2, 3 }));
        Assert.That(afterMax, Is.Empty);
        Assert.That(deadLettered, Has.Count.EqualTo(1));
        var messageId = deadLettered[0].MessageId;
        var failures = _logger.Entries.Where(entry => entry.Level == LogLevel.Warning && entry.Exception is InvalidOperationException).ToList();
        Assert.That(failures, Has.Count.EqualTo(3));
        Assert.That(failures.Select(entry => entry.Values["MessageId"]), Is.All.EqualTo(messageId));
        Assert.That(failures.Select(entry => entry.Values["DeduplicationId"]), Is.All.EqualTo("S-0001"));
        var final = _logger.Entries.Single(entry => entry.Level == LogLevel.Error);
        Assert.That(final.Message, Does.Contain("will go to the dead-letter queue").And.Contain(messageId).And.Contain("S-0001"));
    }

    [Test, CancelAfter(30_000)]
    public async Task Stopping_gives_back_the_message_being_handled_at_once(CancellationToken cancellationToken)
    {
        await Standard.SendAsync([new QueueMessage("interrupted")], cancellationToken);
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

        // One handler slot, so no receive of the pump's is in flight when it stops: on SQS a long poll the stop cuts
        // short may still take the given-back message on the server's side (the pump's documented caveat), which
        // then stays hidden for the visibility timeout. This test is about the message being handled.
        var options = Options with { VisibilityTimeout = TimeSpan.FromSeconds(30), MaxConcurrency = 1 };

        await RunUntilAsync(
            Standard,
            options,
            async (_, token) =>
            {
                started.TrySetResult();
                await Task.Delay(Timeout.InfiniteTimeSpan, token);
            },
            () => started.Task.IsCompleted,
            cancellationToken);
        var again = await Standard.ReceiveAsync(1, TimeSpan.FromSeconds(3), TimeSpan.FromSeconds(30), cancellationToken);

        Assert.That(again.Single().Body, Is.EqualTo("interrupted"));
        Assert.That(again.Single().ReceiveCount, Is.EqualTo(2));
        Assert.That(_logger.Entries.Any(entry => entry.Message.Contains("given back unprocessed", StringComparison.Ordinal)));
    }

    [Test, CancelAfter(30_000)]
    public async Task Long_running_handler_keeps_its_message_hidden(CancellationToken cancellationToken)
    {
        await Standard.SendAsync([new QueueMessage("slow")], cancellationToken);
        var options = Options with { VisibilityTimeout = TimeSpan.FromSeconds(2) };
        var runs = 0;
        var finished = false;
        IReadOnlyList<ReceivedMessage>? meanwhile = null;

        await RunUntilAsync(
            Standard,
            options,
            async (_, token) =>
            {
                Interlocked.Increment(ref runs);

                // One and a half visibility timeouts, spent trying to take the same message from the queue.
                meanwhile = await Standard.ReceiveAsync(1, TimeSpan.FromSeconds(3), TimeSpan.FromSeconds(30), token);
                Volatile.Write(ref finished, true);
            },
            () => Volatile.Read(ref finished),
            cancellationToken);

        Assert.That(meanwhile, Is.Empty);
        Assert.That(runs, Is.EqualTo(1));
    }

    [Test, CancelAfter(30_000)]
    public async Task Handlers_run_at_most_max_concurrency_at_once(CancellationToken cancellationToken)
    {
        await Standard.SendAsync([.. Enumerable.Range(0, 8).Select(i => new QueueMessage($"m{i}"))], cancellationToken);
        var options = Options with { MaxConcurrency = 2 };
        var running = 0;
        var mostAtOnce = 0;
        var handled = 0;

        await RunUntilAsync(
            Standard,
            options,
            async (_, token) =>
            {
                var now = Interlocked.Increment(ref running);
                InterlockedMax(ref mostAtOnce, now);
                await Task.Delay(150, token);
                Interlocked.Decrement(ref running);
                Interlocked.Increment(ref handled);
            },
            () => Volatile.Read(ref handled) >= 8,
            cancellationToken);

        Assert.That(mostAtOnce, Is.EqualTo(2));
    }

    [Test, CancelAfter(30_000)]
    public async Task Messages_of_one_fifo_group_are_handled_one_after_another_in_order(CancellationToken cancellationToken)
    {
        var fifo = _provider.GetQueue(QueueNames.OrderDispatch);
        var bodies = new[] { "A", "B" }.SelectMany(group => Enumerable.Range(1, 4).Select(i => group + i)).ToList();
        await fifo.SendAsync(bodies.ConvertAll(body => new QueueMessage(body, "dispatch-" + body, "ORD" + body[0])), cancellationToken);
        var order = new ConcurrentQueue<string>();
        var inGroup = new ConcurrentDictionary<string, int>();
        var overlaps = 0;

        await RunUntilAsync(
            fifo,
            Options,
            async (message, token) =>
            {
                if (inGroup.AddOrUpdate(message.GroupId!, 1, (_, count) => count + 1) > 1)
                {
                    Interlocked.Increment(ref overlaps);
                }

                await Task.Delay(50, token);
                order.Enqueue(message.Body);
                inGroup.AddOrUpdate(message.GroupId!, 0, (_, count) => count - 1);
            },
            () => order.Count >= bodies.Count,
            cancellationToken);

        Assert.That(overlaps, Is.Zero);
        Assert.That(order.Where(body => body[0] == 'A'), Is.EqualTo(new[] { "A1", "A2", "A3", "A4" }));
        Assert.That(order.Where(body => body[0] == 'B'), Is.EqualTo(new[] { "B1", "B2", "B3", "B4" }));
    }

    /// <summary>Runs a pump until <paramref name="done"/> holds, then stops it and waits for it to finish.</summary>
    private async Task RunUntilAsync(
        IMessageQueue queue,
        QueuePumpOptions options,
        Func<ReceivedMessage, CancellationToken, Task> handler,
        Func<bool> done,
        CancellationToken cancellationToken)
    {
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var pump = new QueuePump(queue, handler, options, TimeProvider.System, _logger);
        var run = pump.RunAsync(stop.Token);
        while (!done() && !run.IsCompleted)
        {
            await Task.Delay(20, cancellationToken);
        }

        await stop.CancelAsync();
        await run;
    }

    private static void InterlockedMax(ref int target, int value)
    {
        var current = Volatile.Read(ref target);
        while (value > current && Interlocked.CompareExchange(ref target, value, current) is var seen && seen != current)
        {
            current = seen;
        }
    }
}
