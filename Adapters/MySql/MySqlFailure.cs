namespace Portable.Adapters.MySql;

/// <summary>What a failed database call says about the database, which decides between retrying and failing fast.</summary>
internal enum MySqlFailure
{
    /// <summary>Not a failure of the database's availability (bad SQL, a constraint): passed on as it is.</summary>
    Other,

    /// <summary>No connection could be made: the server is down or unreachable.</summary>
    Unreachable,

    /// <summary>An open connection broke or the server shut it: another connection may work.</summary>
    ConnectionLost,

    /// <summary>The server answered but asked to try again: deadlock, lock wait timeout, too many connections.</summary>
    Busy,

    /// <summary>The command timed out: repeating it would hold the request as long again.</summary>
    TimedOut,
}
