namespace Portable.Core.ErrorLogs;

/// <summary>
/// One caller's append waiting in <see cref="CoalescingErrorLogStore"/>'s queue, and the promise of its ids: the
/// caller awaits <see cref="TaskCompletionSource{TResult}.Task"/>, which its cancellation ends at once.
/// </summary>
/// <remarks>Completed off the writer's thread (see <see cref="CoalescingOutcome"/>), where the caller's continuation then runs.</remarks>
internal sealed class CoalescingAppend : TaskCompletionSource<IReadOnlyList<long>>
{
    private readonly CancellationTokenRegistration _cancellation;

    public CoalescingAppend(IReadOnlyList<ErrorLog> logs, CancellationToken cancellationToken)
    {
        Logs = logs;
        CancellationToken = cancellationToken;
        _cancellation = cancellationToken.UnsafeRegister(static state => ((CoalescingAppend)state!).Cancel(), this);
    }

    public IReadOnlyList<ErrorLog> Logs { get; }

    public CancellationToken CancellationToken { get; }

    public void Succeed(IReadOnlyList<long> ids)
    {
        TrySetResult(ids);
        _cancellation.Dispose();
    }

    public void Fail(Exception exception)
    {
        TrySetException(exception);
        _cancellation.Dispose();
    }

    public void Cancel()
    {
        TrySetCanceled(CancellationToken);
        _cancellation.Dispose();
    }
}
