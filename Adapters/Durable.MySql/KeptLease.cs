namespace Portable.Adapters.Durable.MySql;

/// <summary>The lease a step gives the activities it schedules when its worker keeps them to run at once.</summary>
internal sealed record KeptLease(string Owner, DateTimeOffset ExpiresAt);
