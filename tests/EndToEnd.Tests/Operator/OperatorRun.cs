using Portable.Operator.Cli;

namespace Portable.EndToEnd.Tests.Operator;

/// <summary>One run of the operator CLI: its exit code and what it wrote to standard output and standard error.</summary>
internal sealed record OperatorRun(int ExitCode, string Out, string Error)
{
    /// <summary>
    /// Runs the CLI in process against <paramref name="host"/> over HTTP, with the host's address and operator key in
    /// the environment as an operator would export them; <paramref name="environment"/> overrides or adds variables.
    /// </summary>
    public static async Task<OperatorRun> RunAsync(
        LocalHostProcess host, IReadOnlyDictionary<string, string?>? environment = null, bool terminal = false, params string[] args)
    {
        var variables = new Dictionary<string, string?>
        {
            ["PORTABLE_BASE_URL"] = host.BaseAddress.ToString(),
            ["PORTABLE_OPERATOR_KEY"] = LocalHostProcess.OperatorKey,
        };
        foreach (var (name, value) in environment ?? new Dictionary<string, string?>())
        {
            variables[name] = value;
        }

        using var output = new StringWriter();
        using var error = new StringWriter();
        using var cancellation = new CancellationTokenSource(TimeSpan.FromMinutes(10));
        var console = new OperatorConsole(output, error, terminal, name => variables.GetValueOrDefault(name));
        var code = await OperatorCli.RunAsync(args, console, cancellation.Token);
        return new OperatorRun(code, output.ToString(), error.ToString());
    }

    public static Task<OperatorRun> RunAsync(LocalHostProcess host, params string[] args) => RunAsync(host, null, false, args);

    public override string ToString() => $"exit {ExitCode}\n--- out:\n{Out}\n--- error:\n{Error}";
}
