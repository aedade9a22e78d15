using Portable.Operator.Api;

namespace Portable.Operator.Cli;

/// <summary>What a verb runs with: its parsed command line, the console, and the run's cancellation.</summary>
public sealed record VerbContext(VerbSpec Verb, ParsedArguments Arguments, OperatorConsole Console, CancellationToken CancellationToken)
{
    public static OptionSpec OutputOption { get; } = OptionSpec.Value("--output", "table|json", "table (default) for people, json for scripts.");

    /// <summary>Whether <c>--output json</c> was asked for.</summary>
    public bool Json => Arguments.Value("--output") switch
    {
        null or "table" => false,
        "json" => true,
        var other => throw OperatorException.Usage($"--output must be table or json; it is '{other}'."),
    };

    public TextWriter Out => Console.Out;

    /// <summary>A client of the host's management API with the operator key; disposed by the caller.</summary>
    public (ApiClient Api, ManagementClient Management) Management()
    {
        var connection = Connection.From(Arguments, Console);
        var api = ApiClient.Create(connection);
        return (api, new ManagementClient(api, connection.OperatorKey!));
    }

    public string InstanceId() => Arguments.Positional("an instance id", Verb);
}
