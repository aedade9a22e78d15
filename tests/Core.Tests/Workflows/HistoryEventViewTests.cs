using System.Text.Json;
using Portable.Core.Workflows;
using Portable.Core.Workflows.Management;

namespace Portable.Core.Tests.Workflows;

/// <summary>The management API's history reads as the Durable Functions HTTP API's does.</summary>
public sealed class HistoryEventViewTests
{
    private static readonly DateTimeOffset Start = new(2026, 12, 6, 8, 0, 0, TimeSpan.Zero);

    private static readonly WorkflowHistoryEvent[] History =
    [
        new(1, "ExecutionStarted", Start, Name: "OrderLifecycle", Data: """{"orderId":"ORD1"}"""),
        new(2, "TaskScheduled", Start.AddSeconds(1), 0, "ChargePayment", """{"amount":3}"""),
        new(3, "TaskFailed", Start.AddSeconds(2), 0, FailureDetails: new TaskFailureDetails("System.TimeoutException", "gateway slow", "at Charge()")),
        new(4, "TimerCreated", Start.AddSeconds(2), 1, FireAt: Start.AddSeconds(4)),
        new(5, "TimerFired", Start.AddSeconds(4), 1, FireAt: Start.AddSeconds(4)),
        new(6, "TaskScheduled", Start.AddSeconds(4), 2, "ChargePayment", """{"amount":3}"""),
        new(7, "TaskCompleted", Start.AddSeconds(5), 2, Data: "\"paid\""),
        new(8, "SubOrchestrationCreated", Start.AddSeconds(5), 3, "Ship", "null"),
        new(9, "SubOrchestrationCompleted", Start.AddSeconds(7), 3, Data: "true"),
        new(10, "EventRaised", Start.AddSeconds(8), Name: "Cancel", Data: """{"by":"ops"}"""),
        new(11, "ExecutionTerminated", Start.AddSeconds(9), Data: "no longer needed"),
    ];

    [Test]
    public void Completions_carry_the_name_and_time_of_what_scheduled_them()
    {
        var views = HistoryEventView.Of(History, showOutput: true);

        Assert.Multiple(() =>
        {
            Assert.That(views[6].FunctionName, Is.EqualTo("ChargePayment"));
            Assert.That(views[6].ScheduledTime, Is.EqualTo(Start.AddSeconds(4)), "the second attempt's schedule, not the first's");
            Assert.That(views[6].Result!.Value.GetString(), Is.EqualTo("paid"));
            Assert.That(views[2].FunctionName, Is.EqualTo("ChargePayment"));
            Assert.That(views[2].ScheduledTime, Is.EqualTo(Start.AddSeconds(1)));
            Assert.That(views[4].ScheduledTime, Is.EqualTo(Start.AddSeconds(2)), "a fired timer carries when it was created");
            Assert.That(views[8].EventType, Is.EqualTo("SubOrchestrationInstanceCompleted"));
            Assert.That(views[8].FunctionName, Is.EqualTo("Ship"));
        });
    }

    [Test]
    public void Inputs_results_failures_and_reasons_are_named_as_the_Durable_Functions_API_names_them()
    {
        var json = JsonSerializer.Serialize(HistoryEventView.Of(History, showOutput: true), ManagementJsonContext.Default.IReadOnlyListHistoryEventView);
        var events = JsonDocument.Parse(json).RootElement;

        Assert.Multiple(() =>
        {
            Assert.That(events[0].GetProperty("FunctionName").GetString(), Is.EqualTo("OrderLifecycle"));
            Assert.That(events[0].GetProperty("Input").GetProperty("orderId").GetString(), Is.EqualTo("ORD1"));
            Assert.That(events[1].GetProperty("Input").GetProperty("amount").GetInt32(), Is.EqualTo(3));
            Assert.That(events[2].GetProperty("Reason").GetString(), Is.EqualTo("gateway slow"));
            Assert.That(events[2].GetProperty("Details").GetString(), Does.StartWith("System.TimeoutException"));
            Assert.That(events[9].GetProperty("Name").GetString(), Is.EqualTo("Cancel"));
            Assert.That(events[9].GetProperty("Input").GetProperty("by").GetString(), Is.EqualTo("ops"));
            Assert.That(events[10].GetProperty("Reason").GetString(), Is.EqualTo("no longer needed"));
            Assert.That(events[10].GetProperty("OrchestrationStatus").GetString(), Is.EqualTo("Terminated"));
        });
    }

    [Test]
    public void Without_showHistoryOutput_no_input_or_result_is_shown()
    {
        var json = JsonSerializer.Serialize(HistoryEventView.Of(History, showOutput: false), ManagementJsonContext.Default.IReadOnlyListHistoryEventView);

        Assert.That(json, Does.Not.Contain("\"Input\"").And.Not.Contain("\"Result\"").And.Not.Contain("paid"));
        Assert.That(json, Does.Contain("\"FunctionName\":\"ChargePayment\""));
    }
}
