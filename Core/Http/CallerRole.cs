namespace Portable.Core.Http;

/// <summary>What the credential a request was let in with makes its caller.</summary>
public enum CallerRole
{
    Anonymous,
    ErrorLogWriter,
    ErrorLogReader,

    /// <summary>A customer, by the identity bound to the bearer token: it sees only what that identity placed.</summary>
    Customer,
    Lab,

    /// <summary>An operator: sees and acts on everything.</summary>
    Operator,

    /// <summary>The holder of one instance's status link.</summary>
    InstanceLink,
}
