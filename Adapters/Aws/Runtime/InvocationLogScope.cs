namespace Portable.Adapters.Aws.Runtime;

/// <summary>
/// The log scope of one invocation: every line logged while it runs carries <c>AwsRequestId</c> and <c>TraceId</c>.
/// Pushed on the scope provider itself: through <c>ILogger.BeginScope</c>, each category's logger and each scope type
/// is a generic virtual call that native AOT resolves at run time, in the cold start's first invocation.
/// </summary>
internal sealed class InvocationLogScope(string requestId, string? traceId) : IReadOnlyList<KeyValuePair<string, object?>>
{
    public int Count => 2;

    public KeyValuePair<string, object?> this[int index] => index switch
    {
        0 => new("AwsRequestId", requestId),
        1 => new("TraceId", traceId),
        _ => throw new ArgumentOutOfRangeException(nameof(index)),
    };

    public IEnumerator<KeyValuePair<string, object?>> GetEnumerator()
    {
        yield return this[0];
        yield return this[1];
    }

    System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();

    public override string ToString() => $"Invocation {requestId} trace {traceId}";
}
