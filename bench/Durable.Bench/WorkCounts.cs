namespace Portable.Bench.Durable;

/// <summary>
/// The work a run asked of its store: claims of steps and activities, those that found nothing, write transactions
/// (counted per store call, or from the commands sent where the store's calls do not map one to one) and round trips
/// and deadlocks the server counted (MySQL only, null elsewhere).
/// </summary>
internal sealed record WorkCounts(long Claims, long EmptyClaims, long WriteTransactions, long? RoundTrips = null, long? Deadlocks = null)
{
    public double EmptyClaimShare => Claims == 0 ? 0 : EmptyClaims / (double)Claims;

    public static WorkCounts operator -(WorkCounts after, WorkCounts before) => new(
        after.Claims - before.Claims,
        after.EmptyClaims - before.EmptyClaims,
        after.WriteTransactions - before.WriteTransactions,
        after.RoundTrips - before.RoundTrips,
        after.Deadlocks - before.Deadlocks);
}
