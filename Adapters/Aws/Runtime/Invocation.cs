namespace Portable.Adapters.Aws.Runtime;

/// <summary>One event handed out by the Runtime API's <c>next</c>, with the headers that describe it.</summary>
/// <param name="RequestId">Lambda-Runtime-Aws-Request-Id: names the invocation in the response and error calls.</param>
/// <param name="Deadline">Lambda-Runtime-Deadline-Ms: when Lambda stops the function.</param>
/// <param name="FunctionArn">Lambda-Runtime-Invoked-Function-Arn.</param>
/// <param name="TraceId">Lambda-Runtime-Trace-Id: the X-Ray trace header, when tracing is on.</param>
/// <param name="Event">The event document, as Lambda sent it.</param>
public sealed record Invocation(string RequestId, DateTimeOffset Deadline, string? FunctionArn, string? TraceId, ReadOnlyMemory<byte> Event);
