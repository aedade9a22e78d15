using System.Globalization;
using System.Text.Json;
using static Portable.EndToEnd.Tests.HttpTestExtensions;

namespace Portable.EndToEnd.Tests;

/// <summary>
/// Cancels race the order lifecycle at random moments, over HTTP against the real host on each store: every 202 ends
/// CANCELLED with every capture refunded, every 409 names the state that refused it, every order ends in a final state
/// and nothing answers 5xx. The seed is printed; <c>PORTABLE_CANCEL_RACE_SEED</c> repeats a run's plan.
/// </summary>
[NonParallelizable]
[TestFixture(Backend.Embedded)]
[TestFixture(Backend.MySqlSqs)]
public sealed class CancelRaceTests(string backend)
{
    private const int Orders = 200;
    private const int InFlight = 16;
    private static readonly string[] Final = ["COMPLETED", "FAILED", "CANCELLED"];

    [Test]
    [CancelAfter(240_000)]
    public async Task Every_accepted_cancel_ends_cancelled_and_refunded_and_every_refusal_names_the_state_that_refused_it()
    {
        var seed = Environment.GetEnvironmentVariable("PORTABLE_CANCEL_RACE_SEED") is { Length: > 0 } text
            ? int.Parse(text, CultureInfo.InvariantCulture)
            : Random.Shared.Next();
        await TestContext.Progress.WriteLineAsync($"Cancel race on {backend}: seed {seed} (PORTABLE_CANCEL_RACE_SEED={seed} repeats it).");
        var random = new Random(seed);
        var plans = Enumerable.Range(0, Orders)
            .Select(_ => new Plan(random.Next(10) == 0 ? 5000 : random.Next(1, 500), random.Next(2) == 0, random.Next(0, 1200), random.Next(1, 4)))
            .ToArray();

        await using var host = await Backend.StartHostAsync(backend, new Dictionary<string, string>
        {
            ["Orders__DeliveryDelay"] = "00:00:00.300",
            ["Orders__DispatchInterval"] = "00:00:00.200",
            ["Orders__Payment__Limit"] = "1000",
            ["Orders__Payment__TransientFailures"] = "1",
            ["Orders__Payment__FirstRetryInterval"] = "00:00:00.050",
        });
        using var gate = new SemaphoreSlim(InFlight);
        var runs = await Task.WhenAll(plans.Select(async plan =>
        {
            await gate.WaitAsync();
            try
            {
                return await RaceAsync(host, plan);
            }
            finally
            {
                gate.Release();
            }
        }));

        var violations = new List<string>();
        foreach (var run in runs)
        {
            var (getStatus, order, _) = await Eventually.Get(
                () => host.Client.SendJsonAsync(HttpMethod.Get, $"api/order/{run.OrderId}", headers: Bearer(LocalHostProcess.AliceToken)),
                read => read.Status >= 500 || (read.Status == 200 && Final.Contains(read.Body.GetProperty("status").GetString())),
                within: TimeSpan.FromSeconds(90),
                what: $"{run.OrderId} to end");
            if (getStatus != 200)
            {
                violations.Add($"{run.OrderId}: GET answered {getStatus}");
                continue;
            }

            var status = order.GetProperty("status").GetString()!;
            var captured = await AppDatabase.ScalarAsync(host, "SELECT COUNT(*) FROM payments WHERE order_id = @id", ("@id", run.OrderId));
            var kept = await AppDatabase.ScalarAsync(host, "SELECT COUNT(*) FROM payments WHERE order_id = @id AND refunded = 0", ("@id", run.OrderId));
            violations.AddRange(Check(run, status, captured, kept));
        }

        var answers = runs.SelectMany(run => run.Cancels).ToList();
        await TestContext.Progress.WriteLineAsync(
            $"{Orders} orders, {answers.Count} cancels: {answers.Count(a => a.Status == 202)} accepted, {answers.Count(a => a.Status == 409)} refused.");
        Assert.Multiple(() =>
        {
            Assert.That(violations, Is.Empty, $"seed {seed}");
            Assert.That(answers.Select(a => a.Status), Has.Some.EqualTo(202).And.Some.EqualTo(409), "the cancels raced both ways");
        });
    }

    /// <summary>What one order's answers and end must agree on.</summary>
    private static IEnumerable<string> Check(Race run, string status, long captured, long kept)
    {
        foreach (var answer in run.Cancels.Where(a => a.Status is not (202 or 409)))
        {
            yield return $"{run.OrderId}: a cancel answered {answer.Status} ({answer.Detail})";
        }

        if (run.Status != 202)
        {
            yield return $"{run.OrderId}: placing answered {run.Status}";
        }

        if (run.Cancels.Any(a => a.Status == 202))
        {
            if (status != "CANCELLED" || kept != 0)
            {
                yield return $"{run.OrderId}: a cancel was accepted, and it ended {status} with {kept} of {captured} captures kept";
            }
        }
        else if ((status, captured, kept) is not (("COMPLETED", 1, 1) or ("FAILED", 0, 0)))
        {
            yield return $"{run.OrderId}: no cancel was accepted, and it ended {status} with {kept} of {captured} captures kept";
        }

        foreach (var refusal in run.Cancels.Where(a => a.Status == 409 && !a.Detail.Contains(status, StringComparison.Ordinal)))
        {
            yield return $"{run.OrderId}: a refusal does not name {status}, the state it ended in: {refusal.Detail}";
        }
    }

    private static async Task<Race> RaceAsync(LocalHostProcess host, Plan plan)
    {
        var (placed, body, _) = await host.Client.SendJsonAsync(
            HttpMethod.Post, "api/order", $$"""{"Item":"race","Amount":{{plan.Amount}}}""", Bearer(LocalHostProcess.AliceToken));
        if (placed != 202)
        {
            return new Race($"(not placed: {body})", placed, []);
        }

        var id = body.GetProperty("orderId").GetString()!;
        if (plan.FromTransit)
        {
            // Half the orders race the delivery timer: the cancel comes at a random moment after the order is in transit.
            await Eventually.Get(
                () => host.Client.SendJsonAsync(HttpMethod.Get, $"api/order/{id}", headers: Bearer(LocalHostProcess.AliceToken)),
                read => read.Status != 200 || read.Body.GetProperty("status").GetString() is not ("PROCESSING" or "PLACED"),
                within: TimeSpan.FromSeconds(90),
                what: $"{id} to leave PROCESSING and PLACED");
            await Task.Delay(plan.CancelAfterMs / 2);
        }
        else
        {
            await Task.Delay(plan.CancelAfterMs);
        }

        var cancels = new List<Answer>();
        for (var i = 0; i < plan.Cancels; i++)
        {
            var (status, problem, _) = await host.Client.SendJsonAsync(HttpMethod.Put, $"api/cancel/{id}", headers: Bearer(LocalHostProcess.AliceToken));
            cancels.Add(new Answer(status, status == 202 ? "" : Detail(problem)));
            await Task.Delay(10);
        }

        return new Race(id, placed, cancels);
    }

    private static string Detail(JsonElement problem) =>
        problem.ValueKind == JsonValueKind.Object && problem.TryGetProperty("detail", out var detail) ? detail.GetString() ?? "" : problem.ToString();

    private sealed record Plan(int Amount, bool FromTransit, int CancelAfterMs, int Cancels);

    private sealed record Answer(int Status, string Detail);

    private sealed record Race(string OrderId, int Status, IReadOnlyList<Answer> Cancels);
}
