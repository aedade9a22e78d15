using System.Data;
using MySqlConnector;
using Portable.Adapters.MySql;

namespace Portable.Adapters.Durable.MySql;

/// <summary>
/// What one write carries from one attempt of <see cref="MySqlDatabase.RunAsync{T}"/> to the next: whether an earlier
/// attempt sent its COMMIT and lost the connection before the answer, so that it may have committed. A deadlock or
/// any failure before the COMMIT leaves nothing behind (the server rolls back), and the write simply runs again;
/// after an unanswered COMMIT each write first looks at what is stored. A deadlock or lock wait timeout is an answer:
/// the command stopped at the statement that failed, before its COMMIT, so nothing needs looking at.
/// </summary>
internal sealed class WriteAttempt
{
    private bool _commitSent;

    public bool EarlierMayHaveCommitted { get; private set; }

    public void Begin()
    {
        EarlierMayHaveCommitted |= _commitSent;
        _commitSent = false;
    }

    /// <summary>Called right before the command that ends in COMMIT is sent.</summary>
    public void SendingCommit() => _commitSent = true;

    /// <summary>
    /// Runs a write transaction through <see cref="MySqlDatabase.RunAsync{T}"/>. A statement that fails skips the rest
    /// of its command, COMMIT included: the transaction is rolled back here rather than left open on a pooled connection.
    /// </summary>
    public static Task<T> RunAsync<T>(
        MySqlDatabase database, Func<MySqlConnection, WriteAttempt, CancellationToken, Task<T>> work, CancellationToken cancellationToken)
    {
        var attempt = new WriteAttempt();
        return database.RunAsync(
            async (connection, token) =>
            {
                attempt.Begin();
                try
                {
                    return await work(connection, attempt, token);
                }
                catch (Exception exception) when (connection.State == ConnectionState.Open)
                {
                    if (exception is MySqlException { ErrorCode: MySqlErrorCode.LockDeadlock or MySqlErrorCode.LockWaitTimeout })
                    {
                        // The server answered: the statement failed, and the COMMIT after it in the command never ran.
                        attempt._commitSent = false;
                    }

                    await DurableReads.RollBackAsync(connection);
                    throw;
                }
            },
            cancellationToken);
    }
}
