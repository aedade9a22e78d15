namespace Portable.Core.Http;

/// <summary>Who may call a route; every host enforces it through <see cref="ApiAuthenticator"/>.</summary>
public enum AuthPolicy
{
    Anonymous,
    ErrorLogsWrite,
    ErrorLogsRead,
    OrdersBearer,
}
