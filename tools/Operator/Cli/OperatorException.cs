namespace Portable.Operator.Cli;

/// <summary>A failure the CLI reports as one line on standard error, ending the process with <see cref="ExitCode"/>.</summary>
public sealed class OperatorException : Exception
{
    public OperatorException(int exitCode, string message)
        : base(message) => ExitCode = exitCode;

    public OperatorException()
        => ExitCode = ExitCodes.Failed;

    public OperatorException(string message)
        : base(message) => ExitCode = ExitCodes.Failed;

    public OperatorException(string message, Exception innerException)
        : base(message, innerException) => ExitCode = ExitCodes.Failed;

    public int ExitCode { get; }

    public static OperatorException Usage(string message) => new(ExitCodes.Usage, message);
}
