namespace Portable.Adapters.Durable.Store;

/// <summary>
/// What a claim of a step found: the instance claimed, and whether another instance had work ready then (a hint: it
/// may be held by another worker by the time it is claimed); or, when nothing was ready, the earliest future time a
/// message becomes visible (a timer or a delayed start), so that the caller can sleep until then. Either way it says
/// whether an activity had no live lease (<see cref="ActivitiesReady"/>, a hint too): a claim looks at the activities
/// as well, so that a worker whose claims come often needs no activity polls of its own.
/// </summary>
public sealed record InstanceClaim(InstanceWorkItem? Item, bool MoreReady, DateTimeOffset? NextDue, bool ActivitiesReady)
{
    /// <summary>Nothing was ready; <paramref name="nextDue"/> is when the next message becomes visible, if any.</summary>
    public static InstanceClaim Nothing(DateTimeOffset? nextDue, bool activitiesReady) => new(null, false, nextDue, activitiesReady);
}
