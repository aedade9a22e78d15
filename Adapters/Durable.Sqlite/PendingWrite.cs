using Microsoft.Data.Sqlite;

namespace Portable.Adapters.Durable.Sqlite;

/// <summary>
/// One caller's write, waiting for the writer connection. Whoever holds the writer runs it, perhaps in a transaction
/// shared with other callers' writes (<see cref="SqliteDatabase"/>), and completes it once that transaction's outcome is
/// known: a result only after the commit.
/// </summary>
internal abstract class PendingWrite
{
    private const int Waiting = 0;
    private const int Taken = 1;
    private const int Cancelled = 2;

    private int _state;

    /// <summary>Whether <see cref="Run"/> failed; its exception is then the caller's answer, and its writes are undone.</summary>
    public bool Failed => Failure is not null;

    protected Exception? Failure { get; set; }

    /// <summary>Claims the write for a batch; false once its caller has given up waiting.</summary>
    public bool TryTake() => Interlocked.CompareExchange(ref _state, Taken, Waiting) == Waiting;

    /// <summary>Gives up a write no batch has taken; false when one has, and its outcome is on its way.</summary>
    public bool TryCancel() => Interlocked.CompareExchange(ref _state, Cancelled, Waiting) == Waiting;

    /// <summary>Runs the work, keeping its result or its exception for <see cref="Complete"/>.</summary>
    public abstract void Run(SqliteConnection connection, SqliteTransaction transaction);

    /// <summary>Answers the caller after the batch's commit: the result, or the work's own exception.</summary>
    public abstract void Complete();

    /// <summary>Answers the caller when the batch as a whole did not commit (nothing of it was written): the work's own exception, if it had one.</summary>
    public abstract void Abort(Exception exception);
}

/// <inheritdoc />
internal sealed class PendingWrite<T>(Func<SqliteConnection, SqliteTransaction, T> work) : PendingWrite
{
    private readonly TaskCompletionSource<T> _outcome = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private T? _result;

    public Task<T> Task => _outcome.Task;

    public override void Run(SqliteConnection connection, SqliteTransaction transaction)
    {
        try
        {
            _result = work(connection, transaction);
        }
        catch (Exception exception)
        {
            Failure = exception;
        }
    }

    public override void Complete()
    {
        if (Failure is { } failure)
        {
            _outcome.TrySetException(failure);
        }
        else
        {
            _outcome.TrySetResult(_result!);
        }
    }

    public override void Abort(Exception exception) => _outcome.TrySetException(Failure ?? exception);
}
