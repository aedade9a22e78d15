using System.Globalization;
using System.Text.RegularExpressions;
using Portable.Tests.Support;

namespace Portable.Functions.Tests.Engine;

/// <summary>
/// An instance's history as Microsoft's engine tells it in its worker's debug lines: each orchestrator episode (how many
/// events it replayed), the actions each episode sent (activities scheduled, timers created, completion), and each
/// activity run. The in-process engine answers its client's history request with no events, so the worker's account
/// (category <see cref="WorkerCategory"/>; the same lines are logged again under <c>Microsoft.DurableTask</c>) is read.
/// </summary>
internal sealed partial class EngineHistory(CapturedLogs logs)
{
    public const string WorkerCategory = "Microsoft.DurableTask.Worker.Grpc";

    /// <summary>Episodes of the orchestrator that replayed earlier events: each a run of the workflow from its start.</summary>
    public int Replays(string instanceId) =>
        Lines(instanceId).Select(line => EpisodeLine().Match(line)).Count(match => match.Success && int.Parse(match.Groups["replayed"].Value, CultureInfo.InvariantCulture) > 0);

    /// <summary>How many actions of a kind (<c>ScheduleTask</c>, <c>CreateTimer</c>, <c>CreateSubOrchestration</c>, ...) the orchestrator sent.</summary>
    public int Actions(string instanceId, string kind) =>
        Lines(instanceId)
            .Select(line => ActionsLine().Match(line))
            .Where(match => match.Success)
            .SelectMany(match => match.Groups["actions"].Value.Split(", ", StringSplitOptions.RemoveEmptyEntries))
            .Select(action => action.Split(" x"))
            .Where(parts => parts[0] == kind)
            .Sum(parts => parts.Length > 1 ? int.Parse(parts[1], CultureInfo.InvariantCulture) : 1);

    /// <summary>How many times the engine ran the activity <paramref name="name"/> for the instance.</summary>
    public int ActivityRuns(string instanceId, string name) =>
        Lines(instanceId).Count(line => line.StartsWith($"{instanceId}: Received request to run activity '{name}#", StringComparison.Ordinal));

    private IEnumerable<string> Lines(string instanceId) =>
        logs.Entries.Where(entry => entry.Category == WorkerCategory).Select(entry => entry.Message).Where(message => message.StartsWith(instanceId + ": ", StringComparison.Ordinal));

    [GeneratedRegex(@": Received request to run orchestrator '[^']+' with (?<replayed>\d+) replay and \d+ new history events")]
    private static partial Regex EpisodeLine();

    [GeneratedRegex(@": Sending \d+ action\(s\) \[(?<actions>[^\]]*)\]")]
    private static partial Regex ActionsLine();
}
