namespace Portable.Adapters.Durable.Store;

/// <summary>
/// What a claim of a step found: the instance claimed, and whether another instance had work ready then (a hint: it
/// may be held by another worker by the time it is claimed); or, when nothing was ready, the earliest future time a
/// message becomes visible (a timer or a delayed start), so that the caller can sleep until then.
/// </summary>
public sealed record InstanceClaim(InstanceWorkItem? Item, bool MoreReady, DateTimeOffset? NextDue)
{
    /// <summary>Nothing was ready; <paramref name="nextDue"/> is when the next message becomes visible, if any.</summary>
    public static InstanceClaim Nothing(DateTimeOffset? nextDue) => new(null, false, nextDue);
}
