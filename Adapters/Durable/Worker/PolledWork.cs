namespace Portable.Adapters.Durable.Worker;

/// <summary>What a poll loop's claim found: the items, whether more may be ready, and when nothing was, when the next is due.</summary>
internal readonly record struct PolledWork<T>(IReadOnlyList<T> Items, bool More, DateTimeOffset? NextDue);
