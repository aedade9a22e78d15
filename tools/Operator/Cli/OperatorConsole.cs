namespace Portable.Operator.Cli;

/// <summary>
/// Where a command writes and what it reads from its surroundings: results on <see cref="Out"/>, errors and progress on
/// <see cref="Error"/> (so <c>--output json</c> pipes cleanly), whether that is a terminal, and the environment.
/// </summary>
public sealed record OperatorConsole(TextWriter Out, TextWriter Error, bool ErrorIsTerminal, Func<string, string?> Environment);
