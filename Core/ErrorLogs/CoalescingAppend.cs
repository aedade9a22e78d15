namespace Portable.Core.ErrorLogs;

/// <summary>One caller's append waiting in <see cref="CoalescingErrorLogStore"/>'s queue.</summary>
internal sealed class CoalescingAppend(IReadOnlyList<ErrorLog> logs, CancellationToken cancellationToken)
{
    public IReadOnlyList<ErrorLog> Logs { get; } = logs;

    public CancellationToken CancellationToken { get; } = cancellationToken;

    /// <summary>Completed off the writer's thread (see <see cref="CoalescingOutcome"/>), where the caller's continuation then runs.</summary>
    public TaskCompletionSource<IReadOnlyList<long>> Completion { get; } = new();
}
