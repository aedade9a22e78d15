using System.Globalization;
using Microsoft.DurableTask.Client;
using Portable.Core.Messaging;
using Portable.Core.Orders;
using Portable.Core.Validation;

namespace Portable.Functions.Tests.Engine;

/// <summary>
/// Cancels race the order lifecycle at random moments on Microsoft's Durable Task engine, through Core's own services as
/// the Functions app calls them: every accepted cancel ends CANCELLED with every capture refunded, every refusal (a
/// <see cref="ConflictException"/>, the 409) names the final state of its order, every order ends in a final state, and
/// nothing throws anything else (the 5xx). The same property as <c>tests/EndToEnd.Tests/CancelRaceTests</c> over HTTP;
/// the seed is printed and <c>PORTABLE_CANCEL_RACE_SEED</c> repeats a run's plan.
/// </summary>
public sealed class CancelRaceTests
{
    // The in-process engine's latency grows with the instances in flight (measured here: an order cancelled at once ends
    // in ~7 s with 4 in flight, in 25-50 s with 20), so the race runs few orders at a time, and fewer than over HTTP.
    private const int Orders = 24;
    private const int InFlight = 4;
    private static readonly TimeSpan EndWithin = TimeSpan.FromSeconds(60);

    [Test]
    [CancelAfter(240_000)]
    public async Task Every_accepted_cancel_ends_cancelled_and_refunded_and_every_refusal_names_the_state_the_order_ended_in(CancellationToken cancellationToken)
    {
        var seed = Environment.GetEnvironmentVariable("PORTABLE_CANCEL_RACE_SEED") is { Length: > 0 } text
            ? int.Parse(text, CultureInfo.InvariantCulture)
            : Random.Shared.Next();
        await TestContext.Progress.WriteLineAsync($"Cancel race on the Durable Task engine: seed {seed} (PORTABLE_CANCEL_RACE_SEED={seed} repeats it).");
        var random = new Random(seed);
        var plans = Enumerable.Range(0, Orders)
            .Select(_ => new Plan(random.Next(10) == 0 ? 5000 : random.Next(1, 500), (Moment)random.Next(4), random.Next(0, 300), random.Next(1, 4)))
            .ToArray();

        // Each charge fails once and is retried, so cancels also fall into the payment's retry wait.
        await using var host = await EngineHost.StartAsync(
            EngineOrders.Settings(deliveryDelay: "00:00:00.250", transientFailures: 1), cancellationToken: cancellationToken);
        var orders = new EngineOrders(host);
        using var stopDispatching = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var dispatching = DispatchUntilStoppedAsync(host, stopDispatching.Token);

        using var gate = new SemaphoreSlim(InFlight);
        var runs = await Task.WhenAll(plans.Select(async plan =>
        {
            await gate.WaitAsync(cancellationToken);
            try
            {
                return await RaceAsync(host, orders, plan, cancellationToken);
            }
            finally
            {
                gate.Release();
            }
        }));

        var violations = new List<string>();
        var ended = new List<string>();
        foreach (var run in runs)
        {
            var (end, found) = await CheckAsync(orders, run, cancellationToken);
            ended.Add(end);
            violations.AddRange(found);
        }

        await stopDispatching.CancelAsync();
        var dispatchFailures = await dispatching;

        var answers = runs.SelectMany(run => run.Cancels).ToList();
        await TestContext.Progress.WriteLineAsync(
            $"{Orders} orders, {answers.Count} cancels: {answers.Count(a => a.Accepted)} accepted, {answers.Count(a => a.Refusal is not null)} refused; "
            + $"ended {string.Join(", ", ended.CountBy(end => end).OrderBy(count => count.Key).Select(count => $"{count.Key} {count.Value}"))}.");
        Assert.Multiple(() =>
        {
            Assert.That(violations, Is.Empty, $"seed {seed}");
            Assert.That(dispatchFailures, Is.Empty, "every dispatch message was handled or skipped");
            Assert.That(answers.Select(a => a.Accepted), Has.Some.True.And.Some.False, "the cancels raced both ways");
        });
    }

    /// <summary>Places one order, cancels it at its planned moment, and waits for its workflow to end.</summary>
    private static async Task<Race> RaceAsync(EngineHost host, EngineOrders orders, Plan plan, CancellationToken cancellationToken)
    {
        string id;
        try
        {
            id = await orders.PlaceAsync(plan.Amount, cancellationToken);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            return new Race($"(not placed: {exception.GetType().Name}: {exception.Message})", [], null, exception);
        }

        var cancels = new List<Answer>();

        // Each order must move on and end on its own: its waits are bounded generously, so that one that never does is named.
        using var generous = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        generous.CancelAfter(EndWithin);
        try
        {
            await CancelAtItsMomentAsync(host, orders, plan, id, cancels, generous.Token);
            var ended = await host.CompletionAsync(id, generous.Token);

            // One cancel more once the order has ended, which must be refused naming the state it ended in.
            cancels.Add(await CancelOnceAsync(orders, id, generous.Token));
            return new Race(id, cancels, ended, null);
        }
        catch (Exception) when (generous.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            // The client reports a cancelled wait as an RpcException, or as an OperationCanceledException.
            return new Race(id, cancels, await host.Client.GetInstanceAsync(id, getInputsAndOutputs: true, cancellationToken), null);
        }
    }

    private static async Task CancelAtItsMomentAsync(EngineHost host, EngineOrders orders, Plan plan, string id, List<Answer> cancels, CancellationToken cancellationToken)
    {
        switch (plan.Moment)
        {
            case Moment.AtOnce:
                break;
            case Moment.AfterADelay:
                await Task.Delay(plan.DelayMs, cancellationToken);
                break;
            case Moment.OncePlaced:
                await host.WaitUntilAsync(id, instance => instance.IsCompleted || orders.CustomStatus(instance) is not (null or OrderStatus.Processing), cancellationToken);
                await Task.Delay(plan.DelayMs / 4, cancellationToken);
                break;
            case Moment.InTransit:
                // Races the delivery timer: the cancel comes at a random moment of the 250 ms in transit, or just after.
                await host.WaitUntilAsync(id, instance => instance.IsCompleted || orders.CustomStatus(instance) is not (null or OrderStatus.Processing or OrderStatus.Placed), cancellationToken);
                await Task.Delay(plan.DelayMs, cancellationToken);
                break;
        }

        for (var i = 0; i < plan.Cancels; i++)
        {
            cancels.Add(await CancelOnceAsync(orders, id, cancellationToken));
        }
    }

    private static async Task<Answer> CancelOnceAsync(EngineOrders orders, string id, CancellationToken cancellationToken)
    {
        try
        {
            await orders.CancelAsync(id, cancellationToken);
            return new Answer(true, null, null);
        }
        catch (ConflictException refusal)
        {
            return new Answer(false, refusal.Message, null);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            return new Answer(false, null, exception);
        }
    }

    /// <summary>How one order ended, and what its answers, its workflow's end, its row and its payments disagree on.</summary>
    private static async Task<(string Ended, IReadOnlyList<string> Violations)> CheckAsync(EngineOrders orders, Race run, CancellationToken cancellationToken)
    {
        var violations = new List<string>();
        if (run.Instance is not { } instance)
        {
            violations.Add($"{run.OrderId}: {(run.PlaceFailure is { } failure ? $"placing threw {failure}" : "the engine lost its instance")}");
            return ("(not placed)", violations);
        }

        foreach (var unexpected in run.Cancels.Where(a => a.Unexpected is not null))
        {
            violations.Add($"{run.OrderId}: a cancel threw {unexpected.Unexpected!.GetType().Name}: {unexpected.Unexpected.Message}");
        }

        if (instance.RuntimeStatus != OrchestrationRuntimeStatus.Completed)
        {
            violations.Add(
                $"{run.OrderId}: the workflow is {instance.RuntimeStatus} ({instance.FailureDetails?.ErrorMessage}) at {orders.CustomStatus(instance)} after {string.Join(", ", run.Cancels)}");
            return (instance.RuntimeStatus.ToString(), violations);
        }

        var outcome = orders.Outcome(instance).Status;
        var ended = outcome.ToWireName();
        var row = await orders.RowAsync(run.OrderId, cancellationToken);
        var payments = await orders.PaymentsAsync(run.OrderId, cancellationToken);
        var captured = payments.Sum(payment => payment.Amount);
        var refunded = payments.Where(payment => payment.Refunded).Sum(payment => payment.Amount);
        if (row?.Status != outcome || orders.CustomStatus(instance) != outcome)
        {
            violations.Add($"{run.OrderId}: the workflow ended {outcome}, its row is {row?.Status}, its custom status {orders.CustomStatus(instance)}");
        }

        if (run.Cancels.Any(a => a.Accepted))
        {
            if (outcome != OrderStatus.Cancelled || captured != refunded)
            {
                violations.Add($"{run.OrderId}: a cancel was accepted, and it ended {ended} with {captured} captured and {refunded} refunded");
            }
        }
        else if (!(outcome == OrderStatus.Completed && payments.Count == 1 && refunded == 0) && !(outcome == OrderStatus.Failed && payments.Count == 0))
        {
            violations.Add($"{run.OrderId}: no cancel was accepted, and it ended {ended} with {payments.Count} payments, {captured} captured and {refunded} refunded");
        }

        foreach (var refusal in run.Cancels.Select(a => a.Refusal).OfType<string>().Where(refusal => !refusal.Contains($"({ended})", StringComparison.Ordinal)))
        {
            violations.Add($"{run.OrderId}: a refusal does not name {ended}, the state it ended in: {refusal}");
        }

        return (ended, violations);
    }

    /// <summary>Core's dispatcher drains the dispatch queue until stopped, as a host's queue consumer would; returns what failed.</summary>
    private static async Task<List<string>> DispatchUntilStoppedAsync(EngineHost host, CancellationToken stop)
    {
        var queue = host.Service<IQueueProvider>().GetQueue(QueueNames.OrderDispatch);
        var dispatcher = host.Service<OrderDispatcher>();
        var options = new DispatchDrainOptions { WaitTime = TimeSpan.FromSeconds(1), RetryDelay = TimeSpan.FromMilliseconds(100) };
        var failed = 0;
        var failures = new List<string>();
        while (!stop.IsCancellationRequested)
        {
            try
            {
                failed += (await dispatcher.DrainAsync(queue, options, () => TimeSpan.MaxValue, stop)).Failed;
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested)
            {
                break;
            }
            catch (Exception exception)
            {
                failures.Add($"the dispatch drain threw {exception.GetType().Name}: {exception.Message}");
            }
        }

        if (failed > 0)
        {
            failures.Add($"{failed} dispatch messages failed");
        }

        return failures;
    }

    private enum Moment
    {
        AtOnce,
        AfterADelay,
        OncePlaced,
        InTransit,
    }

    private sealed record Plan(int Amount, Moment Moment, int DelayMs, int Cancels);

    /// <summary>One cancel's answer: accepted (202), refused with a message (409), or an exception nothing maps (5xx).</summary>
    private sealed record Answer(bool Accepted, string? Refusal, Exception? Unexpected);

    private sealed record Race(string OrderId, IReadOnlyList<Answer> Cancels, OrchestrationMetadata? Instance, Exception? PlaceFailure);
}
