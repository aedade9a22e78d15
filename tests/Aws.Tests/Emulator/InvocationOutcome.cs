namespace Portable.Aws.Tests.Emulator;

/// <summary>What the runtime posted for an invocation: its response, or its error with the error-type header.</summary>
/// <param name="AnsweredAt">The <see cref="System.Diagnostics.Stopwatch"/> timestamp at which the post arrived.</param>
public sealed record InvocationOutcome(string RequestId, bool Succeeded, string Body, string? ErrorType, long AnsweredAt);
