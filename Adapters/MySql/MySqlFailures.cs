using System.Net.Sockets;
using MySqlConnector;

namespace Portable.Adapters.MySql;

/// <summary>Sorts the exceptions of MySqlConnector into <see cref="MySqlFailure"/>s.</summary>
internal static class MySqlFailures
{
    // MariaDB's ER_CONNECTION_KILLED, sent to every session when the server shuts down; MySqlConnector has no name for it.
    private const int ConnectionKilled = 1927;

    public static MySqlFailure Classify(Exception exception, bool opening)
    {
        switch (exception)
        {
            case MySqlException { ErrorCode: MySqlErrorCode.UnableToConnectToHost }:
                return MySqlFailure.Unreachable;
            case MySqlException { ErrorCode: MySqlErrorCode.CommandTimeoutExpired }:
                return MySqlFailure.TimedOut;
            case MySqlException { ErrorCode: MySqlErrorCode.ServerShutdown } or MySqlException { Number: ConnectionKilled }:
                return opening ? MySqlFailure.Unreachable : MySqlFailure.ConnectionLost;
            case MySqlException { ErrorCode: MySqlErrorCode.NetReadError or MySqlErrorCode.NetReadInterrupted
                or MySqlErrorCode.NetErrorOnWrite or MySqlErrorCode.NetWriteInterrupted }:
                return MySqlFailure.ConnectionLost;
            case MySqlException { IsTransient: true }:
                return MySqlFailure.Busy;
            case MySqlException { InnerException: IOException or SocketException }:
            case IOException or SocketException:
                return opening ? MySqlFailure.Unreachable : MySqlFailure.ConnectionLost;
            default:
                return MySqlFailure.Other;
        }
    }
}
