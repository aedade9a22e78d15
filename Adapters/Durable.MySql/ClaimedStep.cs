using MySqlConnector;

namespace Portable.Adapters.Durable.MySql;

/// <summary>
/// A claim the store handed out, whose transaction is still open on its connection: the instance row stays locked,
/// so other claimers pass over it, until the step commits on that connection, the claim is abandoned, or the lease
/// duration passes and a timer rolls it back. Whichever comes first takes the connection (<see cref="TryTake"/>);
/// the others find it gone.
/// </summary>
internal sealed class ClaimedStep
{
    private MySqlConnection? _connection;
    private ITimer? _expiry;

    public ClaimedStep(string instanceId, string owner, string executionId, long lastSequence, MySqlConnection connection)
    {
        InstanceId = instanceId;
        Owner = owner;
        ExecutionId = executionId;
        LastSequence = lastSequence;
        _connection = connection;
    }

    public string InstanceId { get; }

    public string Owner { get; }

    public string ExecutionId { get; }

    public long LastSequence { get; }

    /// <summary>
    /// Rolls the claim back when <paramref name="leaseDuration"/> passes first, then tells <paramref name="expired"/>;
    /// called before the claim is shared, so that nothing takes it before its timer is set.
    /// </summary>
    public void ExpireAfter(TimeSpan leaseDuration, TimeProvider time, Action<ClaimedStep> expired) =>
        _expiry = time.CreateTimer(
            static state =>
            {
                var (claim, expired) = ((ClaimedStep, Action<ClaimedStep>))state!;
                _ = claim.ExpireAsync(expired);
            },
            (this, expired),
            leaseDuration,
            Timeout.InfiniteTimeSpan);

    /// <summary>The connection with the claim's open transaction, to the one caller that gets there first.</summary>
    public MySqlConnection? TryTake()
    {
        var connection = Interlocked.Exchange(ref _connection, null);
        if (connection is not null)
        {
            _expiry?.Dispose();
        }

        return connection;
    }

    /// <summary>Ends a taken connection's transaction, if it has one, and gives the connection back to the pool.</summary>
    public static async Task ReleaseAsync(MySqlConnection connection)
    {
        await DurableReads.EndClaimAsync(connection);
        await connection.DisposeAsync();
    }

    private async Task ExpireAsync(Action<ClaimedStep> expired)
    {
        if (TryTake() is { } connection)
        {
            await ReleaseAsync(connection);
        }

        expired(this);
    }
}
