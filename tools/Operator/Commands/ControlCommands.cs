using Portable.Operator.Api;
using Portable.Operator.Cli;
using Portable.Operator.Output;

namespace Portable.Operator.Commands;

/// <summary><c>raise-event</c>, <c>terminate</c>, <c>suspend</c>, <c>resume</c>: what an operator asks of a running instance.</summary>
internal static class ControlCommands
{
    public static VerbSpec RaiseEvent { get; } = new(
        "raise-event",
        "Sends an event with a JSON payload to a running instance.",
        "raise-event <instance-id> --event-name NAME [--event-data JSON|@file]",
        [
            OptionSpec.Value("--event-name", "NAME", "The event's name (the workflow waits for it by this name)."),
            OptionSpec.Value("--event-data", "JSON", "The payload: inline JSON, or @path to read it from a file (default null)."),
            VerbContext.OutputOption,
            .. Connection.Options,
        ],
        RaiseAsync)
    {
        MaxPositionals = 1,
    };

    public static VerbSpec Terminate { get; } = Control("terminate", "Ends a running instance; its workflow runs no further.");

    public static VerbSpec Suspend { get; } = Control("suspend", "Pauses a running instance; events sent to it wait until it resumes.");

    public static VerbSpec Resume { get; } = Control("resume", "Resumes a suspended instance.");

    private static VerbSpec Control(string operation, string summary) => new(
        operation,
        summary,
        $"{operation} <instance-id> [--reason TEXT]",
        [OptionSpec.Value("--reason", "TEXT", "Why; recorded with the instance."), VerbContext.OutputOption, .. Connection.Options],
        context => ControlAsync(context, operation))
    {
        MaxPositionals = 1,
        Notes = ["An instance that has already ended is refused (410), exit code 1."],
    };

    private static async Task<int> RaiseAsync(VerbContext context)
    {
        var id = context.InstanceId();
        var name = context.Arguments.Required("--event-name");
        var data = context.Arguments.Json("--event-data");
        var json = context.Json;
        var (api, management) = context.Management();
        using var owned = api;
        await management.RaiseEventAsync(id, name, data, context.CancellationToken);
        Report(context, json, id, "raiseEvent", $"Raised '{name}' on {id}.");
        return ExitCodes.Success;
    }

    private static async Task<int> ControlAsync(VerbContext context, string operation)
    {
        var id = context.InstanceId();
        var json = context.Json;
        var (api, management) = context.Management();
        using var owned = api;
        await management.ControlAsync(id, operation, context.Arguments.Value("--reason"), context.CancellationToken);
        Report(context, json, id, operation, $"Asked {id} to {operation}; accepted.");
        return ExitCodes.Success;
    }

    private static void Report(VerbContext context, bool json, string id, string operation, string line)
    {
        if (json)
        {
            JsonOutput.Write(context.Out, writer =>
            {
                writer.WriteStartObject();
                writer.WriteString("instanceId", id);
                writer.WriteString("operation", operation);
                writer.WriteBoolean("accepted", true);
                writer.WriteEndObject();
            });
        }
        else
        {
            context.Out.WriteLine(line);
        }
    }
}
