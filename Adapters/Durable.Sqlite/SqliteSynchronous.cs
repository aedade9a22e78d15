namespace Portable.Adapters.Durable.Sqlite;

/// <summary>
/// When a committed write reaches the disk (SQLite's <c>PRAGMA synchronous</c> in WAL mode), and so what an accepted
/// start (a 202) or a committed step promises. Set with <c>Durable:Sqlite:Synchronous</c> or when registering the store.
/// </summary>
public enum SqliteSynchronous
{
    /// <summary>
    /// The WAL is flushed at checkpoints, not at each commit: a commit survives the process crashing, but a power cut
    /// or an operating-system crash may take back the last commits (accepted starts, steps, activity results). A lost
    /// step or result is redone from the state that survived (activities run at least once anyway); a lost start is
    /// lost, though its caller had its 202. The default: several times the commit rate of <see cref="Full"/>.
    /// </summary>
    Normal,

    /// <summary>The WAL is flushed at each commit: once a 202 is answered, the start survives a power cut too.</summary>
    Full,
}
