namespace Portable.Core.Workflows;

/// <summary>
/// What went wrong in an activity, sub-orchestration or orchestration, in a form that survives
/// serialization: the exception itself cannot cross a process or a replay.
/// </summary>
public sealed record TaskFailureDetails(
    string ErrorType,
    string ErrorMessage,
    string? StackTrace = null,
    TaskFailureDetails? InnerFailure = null)
{
    /// <summary>
    /// True when the failure's recorded type is <typeparamref name="T"/>. Compared by full type name
    /// because the failing type may live in another process; base types do not match.
    /// </summary>
    public bool IsCausedBy<T>()
        where T : Exception =>
        string.Equals(ErrorType, typeof(T).FullName, StringComparison.Ordinal);

    public static TaskFailureDetails FromException(Exception exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        return exception switch
        {
            // Keep the original failure of a failed task as the cause rather than the wrapper alone.
            TaskFailedException failed => new(
                exception.GetType().FullName!, exception.Message, exception.StackTrace, failed.FailureDetails),
            SubOrchestrationFailedException failed => new(
                exception.GetType().FullName!, exception.Message, exception.StackTrace, failed.FailureDetails),
            _ => new(
                exception.GetType().FullName!,
                exception.Message,
                exception.StackTrace,
                exception.InnerException is null ? null : FromException(exception.InnerException)),
        };
    }

    public override string ToString() => $"{ErrorType}: {ErrorMessage}";
}
