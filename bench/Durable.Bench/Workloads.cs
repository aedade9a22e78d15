using System.Diagnostics;
using Portable.Core.Workflows;

namespace Portable.Bench.Durable;

/// <summary>The measured workflows: five no-op activities in sequence, and a fan-out/fan-in of no-op activities.</summary>
internal static class Workloads
{
    public const string HelloSequence5 = "HelloSequence5";
    public const string FanOut = "FanOut";

    private static readonly string[] Cities = ["Tokyo", "Seattle", "London", "Paris", "Oslo"];

    public static void Register(WorkflowRegistry registry) => registry
        .AddWorkflow<string?, string>(HelloSequence5, async (context, _) =>
        {
            var result = string.Empty;
            foreach (var city in Cities)
            {
                result += await context.CallActivityAsync<string>("SayHello", city);
            }

            return result;
        })
        .AddWorkflow<int, long>(FanOut, async (context, width) =>
        {
            var results = await Task.WhenAll(Enumerable.Range(0, width).Select(i => context.CallActivityAsync<int>("Echo", i)));
            return results.Sum(value => (long)value);
        })
        .AddActivity<string, string>("SayHello", (_, city, _) => Task.FromResult($"Hello {city}!"))
        .AddActivity<int, int>("Echo", (_, value, _) => Task.FromResult(value));

    /// <summary>Starts <paramref name="instances"/> HelloSequence5 (from 4 concurrent callers) and waits for all; orchestrations per second.</summary>
    public static async Task<double> HelloSequence5PerSecondAsync(IWorkflowClient client, int instances)
    {
        var stopwatch = Stopwatch.StartNew();
        var ids = new string[instances];
        await Parallel.ForAsync(0, instances, new ParallelOptions { MaxDegreeOfParallelism = 4 }, async (i, token) =>
            ids[i] = await client.ScheduleNewAsync(HelloSequence5, cancellationToken: token));
        using var waiting = MySqlTraffic.Waiting();
        foreach (var id in ids)
        {
            Expect(await client.WaitForCompletionAsync(id), "Hello Tokyo!Hello Seattle!Hello London!Hello Paris!Hello Oslo!");
        }

        return instances / stopwatch.Elapsed.TotalSeconds;
    }

    /// <summary>Runs <paramref name="runs"/> fan-outs of <paramref name="width"/> activities one after another; activities per second.</summary>
    public static async Task<double> FanOutActivitiesPerSecondAsync(IWorkflowClient client, int runs, int width)
    {
        var expected = ((long)width * (width - 1) / 2).ToString(System.Globalization.CultureInfo.InvariantCulture);
        var stopwatch = Stopwatch.StartNew();
        for (var run = 0; run < runs; run++)
        {
            var id = await client.ScheduleNewAsync(FanOut, width);
            using var waiting = MySqlTraffic.Waiting();
            Expect(await client.WaitForCompletionAsync(id), expected);
        }

        return runs * width / stopwatch.Elapsed.TotalSeconds;
    }

    private static void Expect(WorkflowInstance instance, string output)
    {
        if (instance.RuntimeStatus != WorkflowRuntimeStatus.Completed || instance.SerializedOutput?.Trim('"') != output)
        {
            throw new InvalidOperationException(
                $"{instance.Name} {instance.InstanceId} ended {instance.RuntimeStatus} with {instance.SerializedOutput} {instance.FailureDetails?.ErrorMessage}");
        }
    }
}
