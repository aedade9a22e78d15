using System.Runtime.InteropServices;
using System.Security.Cryptography;

namespace Portable.Core.Http;

/// <summary>
/// Enforces the route policies. A request that presents no credential at all is 401; one that presents a credential
/// that is wrong, or right for something else (a customer's token on an operator route), is 403. An unconfigured key
/// denies everything rather than letting everything in.
/// </summary>
/// <remarks>
/// Credentials travel as Azure Functions and the seeds send them: <c>x-api-key</c> (error-log and lab keys),
/// <c>Authorization: Bearer</c> (customers), <c>x-functions-key</c> or <c>?code=</c> (operator keys, and the
/// per-instance code of a status link).
/// </remarks>
public sealed class ApiAuthenticator(AccessOptions options, InstanceCodes codes)
{
    public const string ApiKeyHeader = "x-api-key";
    public const string FunctionsKeyHeader = "x-functions-key";
    public const string CodeParameter = "code";
    public const string OperatorIdentity = "operator";

    private readonly IReadOnlyDictionary<string, string> _orderTokens = options.OrderTokens();
    private readonly IReadOnlyList<string> _managementKeys = options.ManagementKeys();

    public ApiAuthenticator(AccessOptions options)
        : this(options, new InstanceCodes(options))
    {
    }

    public AuthResult Authenticate(AuthPolicy policy, ApiRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (policy == AuthPolicy.Anonymous)
        {
            return AuthResult.Allow("anonymous");
        }

        var apiKey = NullIfEmpty(request.Header(ApiKeyHeader));
        var functionsKey = NullIfEmpty(request.Header(FunctionsKeyHeader)) ?? NullIfEmpty(request.QueryValue(CodeParameter));
        var bearer = BearerToken(request.Header("Authorization"));
        if (apiKey is null && functionsKey is null && bearer is null)
        {
            return AuthResult.Unauthenticated(policy switch
            {
                AuthPolicy.ErrorLogsWrite or AuthPolicy.ErrorLogsRead => $"The '{ApiKeyHeader}' header is required.",
                AuthPolicy.OrdersBearer => "An 'Authorization: Bearer <token>' header is required.",
                AuthPolicy.Lab => $"The lab key ('{ApiKeyHeader}') or an operator key is required.",
                _ => $"An operator key ('{FunctionsKeyHeader}' or '?{CodeParameter}=') is required.",
            });
        }

        // A customer's token speaks for the customer even beside an operator key: an order placed with it is the customer's.
        var operatorMay = policy is AuthPolicy.Lab or AuthPolicy.Operator or AuthPolicy.InstanceStatus || (policy == AuthPolicy.OrdersBearer && bearer is null);
        if (operatorMay && functionsKey is not null && IsManagementKey(functionsKey))
        {
            return AuthResult.Allow(OperatorIdentity, CallerRole.Operator);
        }

        var allowed = policy switch
        {
            AuthPolicy.ErrorLogsWrite when Matches(options.ErrorLogsWriteKey, apiKey) => AuthResult.Allow("error-logs-writer", CallerRole.ErrorLogWriter),
            AuthPolicy.ErrorLogsRead when Matches(options.ErrorLogsReadKey, apiKey) => AuthResult.Allow("error-logs-reader", CallerRole.ErrorLogReader),
            AuthPolicy.Lab when Matches(options.LabKey, apiKey) => AuthResult.Allow("lab", CallerRole.Lab),
            AuthPolicy.OrdersBearer when IdentityOf(bearer) is { } identity => AuthResult.Allow(identity, CallerRole.Customer),
            AuthPolicy.InstanceStatus when functionsKey is not null && request.RouteValues.TryGetValue("id", out var instanceId) && codes.Verify(instanceId, functionsKey)
                => AuthResult.Allow("link:" + instanceId, CallerRole.InstanceLink),
            _ => default(AuthResult?),
        };
        return allowed ?? AuthResult.Forbidden(policy switch
        {
            AuthPolicy.OrdersBearer => "The bearer token is not valid.",
            AuthPolicy.ErrorLogsWrite or AuthPolicy.ErrorLogsRead or AuthPolicy.Lab => "The API key is not valid for this operation.",
            _ => "The key is not valid for this operation.",
        });
    }

    /// <summary>The token authorizer on its own, for hosts that authorize before routing (API Gateway).</summary>
    public string? IdentityForToken(string? authorizationHeader) => IdentityOf(BearerToken(authorizationHeader));

    /// <summary>Whether <paramref name="key"/> is one of the operators' keys (API Gateway's operator authorizer asks this).</summary>
    public bool IsManagementKey(string? key)
    {
        if (string.IsNullOrEmpty(key))
        {
            return false;
        }

        var found = false;
        foreach (var candidate in _managementKeys)
        {
            found |= FixedTimeEquals(candidate, key);
        }

        return found;
    }

    private string? IdentityOf(string? token)
    {
        if (token is null)
        {
            return null;
        }

        foreach (var (candidate, identity) in _orderTokens)
        {
            if (FixedTimeEquals(candidate, token))
            {
                return identity;
            }
        }

        return null;
    }

    private static bool Matches(string? expected, string? presented) =>
        !string.IsNullOrWhiteSpace(expected) && presented is not null && FixedTimeEquals(expected, presented);

    private static string? BearerToken(string? header)
    {
        const string scheme = "Bearer ";
        if (header is null || !header.StartsWith(scheme, StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        var token = header[scheme.Length..].Trim();
        return token.Length == 0 ? null : token;
    }

    /// <summary>Compares the strings' UTF-16 bytes in place: equal strings have equal bytes, and nothing is copied per request.</summary>
    private static bool FixedTimeEquals(string expected, string presented) =>
        CryptographicOperations.FixedTimeEquals(MemoryMarshal.AsBytes(expected.AsSpan()), MemoryMarshal.AsBytes(presented.AsSpan()));

    private static string? NullIfEmpty(string? value) => string.IsNullOrEmpty(value) ? null : value;
}
