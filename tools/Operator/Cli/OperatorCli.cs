using Portable.Operator.Commands;
using Portable.Operator.Smoke;

namespace Portable.Operator.Cli;

/// <summary>
/// The entry of the CLI: picks the verb, reads its arguments, runs it, and turns every failure into one line on
/// standard error and the exit code of its kind (<see cref="ExitCodes"/>). No stack trace reaches an operator.
/// </summary>
public static class OperatorCli
{
    public const string Name = "portable-operator";

    public static IReadOnlyList<VerbSpec> Verbs { get; } =
    [
        InstanceCommands.GetInstances,
        InstanceCommands.GetRuntimeStatus,
        HistoryCommand.Verb,
        ControlCommands.RaiseEvent,
        ControlCommands.Terminate,
        ControlCommands.Suspend,
        ControlCommands.Resume,
        PurgeCommand.Verb,
        StartCommands.Start,
        StartCommands.Restart,
        SmokeCommand.Verb,
    ];

    public static async Task<int> RunAsync(IReadOnlyList<string> args, OperatorConsole console, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(console);
        if (args.Count == 0 || args[0] is "--help" or "-h" or "help")
        {
            var topic = args.Count > 1 ? Verbs.FirstOrDefault(v => v.Name == args[1]) : null;
            if (topic is not null)
            {
                Help.WriteVerb(console.Out, topic);
            }
            else
            {
                Help.WriteOverview(console.Out, Verbs);
            }

            return args.Count == 0 ? ExitCodes.Usage : ExitCodes.Success;
        }

        var verb = Verbs.FirstOrDefault(v => v.Name == args[0]);
        if (verb is null)
        {
            await console.Error.WriteLineAsync($"error: unknown verb '{args[0]}'; '{Name} --help' lists them.");
            return ExitCodes.Usage;
        }

        var rest = args.Skip(1).ToList();
        if (rest.Contains("--help") || rest.Contains("-h"))
        {
            Help.WriteVerb(console.Out, verb);
            return ExitCodes.Success;
        }

        try
        {
            var arguments = ParsedArguments.Parse(rest, verb);
            return await verb.Run(new VerbContext(verb, arguments, console, cancellationToken));
        }
        catch (OperatorException exception)
        {
            await console.Error.WriteLineAsync($"error: {exception.Message}");
            return exception.ExitCode;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            await console.Error.WriteLineAsync("error: cancelled.");
            return ExitCodes.Failed;
        }
    }
}
