using System.Globalization;
using System.Text.Json;
using Portable.Operator.Api;
using Portable.Operator.Cli;
using Portable.Operator.Output;

namespace Portable.Operator.Commands;

/// <summary>
/// <c>get-history</c>: an instance's history, each event with its name and what it carried. A completion that names no
/// function is matched to the event that scheduled it (by <c>TaskScheduledId</c>) for its name and duration, so hosts
/// that answer either shape of the Durable Functions history read the same.
/// </summary>
internal static class HistoryCommand
{
    public static VerbSpec Verb { get; } = new(
        "get-history",
        "Shows an instance's history: every event with its name, duration, input, result or failure.",
        "get-history <instance-id>",
        [VerbContext.OutputOption, .. Connection.Options],
        RunAsync)
    {
        MaxPositionals = 1,
        Notes = ["--output json writes the host's historyEvents array as it answered it."],
    };

    private static async Task<int> RunAsync(VerbContext context)
    {
        var id = context.InstanceId();
        var json = context.Json;
        var (api, management) = context.Management();
        using var owned = api;
        var instance = await management.GetAsync(id, showHistory: true, context.CancellationToken);
        var events = JsonFields.Items(JsonFields.Get(instance, "historyEvents")).ToList();
        if (json)
        {
            JsonOutput.Write(context.Out, writer =>
            {
                writer.WriteStartArray();
                events.ForEach(historyEvent => historyEvent.WriteTo(writer));
                writer.WriteEndArray();
            });
            return ExitCodes.Success;
        }

        // What a completion refers to: DF numbers a scheduled task by its EventId, this project's API by TaskScheduledId.
        var scheduled = events
            .Where(e => (JsonFields.String(e, "eventType") ?? "") is var type && (type.EndsWith("Scheduled", StringComparison.Ordinal) || type.EndsWith("Created", StringComparison.Ordinal)))
            .Select(e => (Id: JsonFields.Integer(e, "taskScheduledId", "timerId") ?? JsonFields.Integer(e, "eventId"), Event: e))
            .Where(pair => pair.Id is not null)
            .GroupBy(pair => (Type: Kind(pair.Event), Id: pair.Id!.Value))
            .ToDictionary(group => group.Key, group => group.First().Event);
        var table = new Table("TIME", "EVENT", "NAME", "DURATION", "DETAIL");
        foreach (var historyEvent in events)
        {
            var type = JsonFields.String(historyEvent, "eventType") ?? "";
            var origin = !type.EndsWith("Scheduled", StringComparison.Ordinal) && !type.EndsWith("Created", StringComparison.Ordinal)
                && JsonFields.Integer(historyEvent, "taskScheduledId", "timerId") is { } taskId && scheduled.TryGetValue((Kind(historyEvent), taskId), out var found)
                ? found
                : (JsonElement?)null;
            var time = JsonFields.Time(historyEvent, "timestamp");
            var started = JsonFields.Time(historyEvent, "scheduledTime") ?? (origin is { } start ? JsonFields.Time(start, "timestamp") : null);
            table.Add(
                InstanceText.Time(time),
                type,
                JsonFields.String(historyEvent, "name", "functionName") ?? (origin is { } named ? JsonFields.String(named, "name", "functionName") : null),
                time is { } end && started is { } begin && end >= begin ? Duration(end - begin) : "",
                Detail(historyEvent, type));
        }

        table.WriteTo(context.Out);
        context.Out.WriteLine($"{events.Count} event(s); instance {InstanceText.Status(instance)}.");
        return ExitCodes.Success;
    }

    /// <summary>Timers, sub-orchestrations and tasks are numbered apart; a completion is matched within its kind.</summary>
    private static string Kind(JsonElement historyEvent) => (JsonFields.String(historyEvent, "eventType") ?? "") switch
    {
        var type when type.StartsWith("Timer", StringComparison.Ordinal) => "timer",
        var type when type.StartsWith("SubOrchestration", StringComparison.Ordinal) => "sub",
        _ => "task",
    };

    private static string? Detail(JsonElement historyEvent, string type)
    {
        if (InstanceText.Failure(JsonFields.Get(historyEvent, "failureDetails")) is { } failure)
        {
            return "failed: " + failure;
        }

        if (JsonFields.First(historyEvent, "result", "output") is { } result)
        {
            // This project's API carries every event's data as its Result; only a completion's data is a result.
            var label = type.EndsWith("Completed", StringComparison.Ordinal) || type.EndsWith("Fired", StringComparison.Ordinal) ? "result"
                : type == "EventRaised" || type == "EventSent" ? "data" : "input";
            return label + ": " + JsonOutput.Compact(result);
        }

        if (JsonFields.Get(historyEvent, "input") is { } input)
        {
            return "input: " + JsonOutput.Compact(input);
        }

        if (JsonFields.Time(historyEvent, "fireAt") is { } fireAt)
        {
            return "fires at " + InstanceText.Time(fireAt);
        }

        return JsonFields.String(historyEvent, "reason", "details");
    }

    private static string Duration(TimeSpan span) => span.TotalSeconds switch
    {
        < 1 => span.TotalMilliseconds.ToString("0", CultureInfo.InvariantCulture) + " ms",
        < 120 => span.TotalSeconds.ToString("0.0", CultureInfo.InvariantCulture) + " s",
        _ => span.TotalMinutes.ToString("0.0", CultureInfo.InvariantCulture) + " min",
    };
}
