using Portable.Operator.Cli;

using var cancellation = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    cancellation.Cancel();
};

var console = new OperatorConsole(Console.Out, Console.Error, !Console.IsErrorRedirected, Environment.GetEnvironmentVariable);
return await OperatorCli.RunAsync(args, console, cancellation.Token);
