namespace Portable.Adapters.Durable.Worker;

/// <summary>
/// When another loop last looked at the store for a loop's work: each instance claim also tells whether an activity is
/// claimable, so the activity loop polls only when no claim looked for the poll interval.
/// </summary>
internal sealed class LastLook
{
    private long _ticks;

    public DateTimeOffset At => new(Interlocked.Read(ref _ticks), TimeSpan.Zero);

    public void Seen(DateTimeOffset at) => Interlocked.Exchange(ref _ticks, at.UtcTicks);
}
