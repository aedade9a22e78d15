namespace Portable.Core.Http;

/// <summary>Who may call a route; every host enforces it through <see cref="ApiAuthenticator"/>.</summary>
public enum AuthPolicy
{
    Anonymous,

    /// <summary>The error-log write key.</summary>
    ErrorLogsWrite,

    /// <summary>The error-log read key.</summary>
    ErrorLogsRead,

    /// <summary>A customer's bearer token (the handler limits it to the customer's own orders), or an operator key.</summary>
    OrdersBearer,

    /// <summary>The lab key, or an operator key.</summary>
    Lab,

    /// <summary>An operator key only.</summary>
    Operator,

    /// <summary>An operator key, or the per-instance code of the instance named by the route's <c>id</c>.</summary>
    InstanceStatus,
}
