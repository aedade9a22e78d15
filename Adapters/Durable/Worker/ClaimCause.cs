namespace Portable.Adapters.Durable.Worker;

/// <summary>What made a poll loop look at the store.</summary>
internal enum ClaimCause
{
    /// <summary>Nothing yet: the loop waits.</summary>
    None,

    /// <summary>The loop started: work may be waiting from before.</summary>
    Start,

    /// <summary>This process announced new work.</summary>
    Signal,

    /// <summary>The previous claim found work and said more was ready.</summary>
    More,

    /// <summary>The time the previous empty claim named (a timer) came.</summary>
    Due,

    /// <summary>Nothing looked for the poll interval: work of other processes is announced to no one here.</summary>
    Poll,
}
