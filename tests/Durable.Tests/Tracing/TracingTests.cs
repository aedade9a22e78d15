using System.Collections.Concurrent;
using System.Diagnostics;
using Portable.Adapters.Durable.History;
using Portable.Core.Telemetry;
using Portable.Durable.Tests.Infrastructure;

namespace Portable.Durable.Tests.Tracing;

[TestFixtureSource(typeof(TestStores), nameof(TestStores.All))]
public sealed class TracingTests(string store) : StoreFixture(store)
{
    [Test]
    [CancelAfter(20_000)]
    public async Task Steps_activities_and_child_instances_join_the_trace_of_the_code_that_started_the_workflow(CancellationToken cancellationToken)
    {
        using var source = new ActivitySource("Portable.Durable.Tests");
        var spans = new ConcurrentQueue<Activity>();
        using var listener = new ActivityListener
        {
            ShouldListenTo = candidate => candidate.Name is PortableTelemetry.Name or "Portable.Durable.Tests",
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = spans.Enqueue,
        };
        ActivitySource.AddActivityListener(listener);
        using var database = await NewDatabaseAsync();
        await using var host = await DurableTestHost.StartAsync(database, registry => registry
            .AddWorkflow<string, string>("Parent", async (context, name) =>
            {
                var greeting = await context.CallActivityAsync<string>("Greet", name);
                return await context.CallSubOrchestratorAsync<string>("Child", greeting);
            })
            .AddWorkflow<string, string>("Child", (context, text) => context.CallActivityAsync<string>("Greet", text))
            .AddActivity<string, string>("Greet", (_, name, _) => Task.FromResult("hello " + name)));

        string instanceId;
        ActivityTraceId traceId;
        using (var request = source.StartActivity("request"))
        {
            traceId = request!.TraceId;
            instanceId = await host.Client.ScheduleNewAsync("Parent", "ada", cancellationToken: cancellationToken);
        }

        var done = await host.Client.WaitForCompletionAsync(instanceId, cancellationToken);
        var trace = spans.Where(span => span.TraceId == traceId).Select(span => span.DisplayName).ToList();

        Assert.That(host.Read<string>(done.SerializedOutput), Is.EqualTo("hello hello ada"));
        Assert.That(trace.Count(name => name == "orchestration Parent"), Is.GreaterThanOrEqualTo(2));
        Assert.That(trace, Does.Contain("orchestration Child"), "a child instance continues its parent's trace");
        Assert.That(trace.Count(name => name == "activity Greet"), Is.EqualTo(2));
    }

    [Test]
    public void The_trace_parent_is_stored_with_the_start_event_and_old_events_without_it_still_read()
    {
        const string TraceParent = "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01";
        var started = new ExecutionStarted(new DateTime(2026, 11, 25, 0, 0, 0, DateTimeKind.Utc), "Parent", null, "\"ada\"") { TraceParent = TraceParent };

        var stored = HistorySerializer.Serialize(started);
        var old = HistorySerializer.Serialize(started with { TraceParent = null });

        Assert.That(((ExecutionStarted)HistorySerializer.Deserialize(stored)).TraceParent, Is.EqualTo(TraceParent));
        Assert.That(old, Does.Not.Contain("TraceParent"), "nothing is written when no span was recording");
        Assert.That(((ExecutionStarted)HistorySerializer.Deserialize(old)).TraceParent, Is.Null);
    }
}
