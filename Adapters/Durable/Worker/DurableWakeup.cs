namespace Portable.Adapters.Durable.Worker;

/// <summary>A hint that <paramref name="InstanceId"/> has work, ready now or, for a timer or delayed start, at <paramref name="DueAt"/>.</summary>
public sealed record DurableWakeup(string InstanceId, DurableWork Work, DateTimeOffset? DueAt = null)
{
    /// <summary>One wake-up per instance and kind, the earliest (ready now beats any due time).</summary>
    public static IReadOnlyList<DurableWakeup> Coalesce(IEnumerable<DurableWakeup> wakeups) =>
        [.. wakeups
            .GroupBy(wakeup => (wakeup.InstanceId, wakeup.Work))
            .Select(group => group.MinBy(wakeup => wakeup.DueAt ?? DateTimeOffset.MinValue)!)];
}
