using System.Text.Json;
using Portable.Operator.Api;
using Portable.Operator.Cli;
using Portable.Operator.Output;

namespace Portable.Operator.Commands;

/// <summary>
/// <c>start</c> a workflow by name, and <c>restart</c> an ended instance: its workflow started again with the same input,
/// under the same id or a new one, through the host's restart route (a Durable Functions host has none: there the CLI reads
/// the instance and starts its workflow by name).
/// </summary>
internal static class StartCommands
{
    public static VerbSpec Start { get; } = new(
        "start",
        "Starts a workflow by name with a JSON input.",
        "start <workflow-name> [--id INSTANCE-ID] [--input JSON|@file]",
        [
            OptionSpec.Value("--id", "ID", "The new instance's id (default: one the host picks)."),
            OptionSpec.Value("--input", "JSON", "The workflow's input: inline JSON, or @path to read it from a file."),
            VerbContext.OutputOption,
            .. Connection.Options,
        ],
        StartAsync)
    {
        MaxPositionals = 1,
        Notes = ["The workflow's own rules apply: an order started this way is checked as a placed order would be."],
    };

    public static VerbSpec Restart { get; } = new(
        "restart",
        "Starts an ended instance's workflow again with the same input, under the same id.",
        "restart <instance-id> [--new-id]",
        [OptionSpec.Flag("--new-id", "Start under a new id the host picks instead."), VerbContext.OutputOption, .. Connection.Options],
        RestartAsync)
    {
        MaxPositionals = 1,
    };

    private static async Task<int> StartAsync(VerbContext context)
    {
        var name = context.Arguments.Positional("a workflow name", context.Verb);
        var input = context.Arguments.Json("--input");
        var json = context.Json;
        var (api, management) = context.Management();
        using var owned = api;
        var started = await management.StartAsync(name, context.Arguments.Value("--id"), input, context.CancellationToken);
        Report(context, json, started, $"Started {name}");
        return ExitCodes.Success;
    }

    private static async Task<int> RestartAsync(VerbContext context)
    {
        var id = context.InstanceId();
        var json = context.Json;
        var (api, management) = context.Management();
        using var owned = api;
        var newId = context.Arguments.Flag("--new-id");
        var started = await management.RestartAsync(id, newId, context.CancellationToken);
        if (started is null)
        {
            var instance = await management.GetAsync(id, showHistory: false, context.CancellationToken);
            var name = InstanceText.Name(instance);
            if (name.Length == 0)
            {
                throw new OperatorException(ExitCodes.Unavailable, $"The host's status of '{id}' names no workflow to restart.");
            }

            var input = JsonFields.Get(instance, "input") is { } value ? value.GetRawText() : null;
            started = await management.StartAsync(name, newId ? null : id, input, context.CancellationToken);
        }

        Report(context, json, started.Value, $"Restarted {id}");
        return ExitCodes.Success;
    }

    private static void Report(VerbContext context, bool json, JsonElement started, string what)
    {
        if (json)
        {
            JsonOutput.Write(context.Out, started);
            return;
        }

        context.Out.WriteLine($"{what} as {JsonFields.String(started, "id", "instanceId")}.");
        if (JsonFields.String(started, "statusQueryGetUri") is { } status)
        {
            context.Out.WriteLine($"Status: {status}");
        }
    }
}
