using System.Runtime.InteropServices;
using System.Security.Cryptography;

namespace Portable.Core.Http;

/// <summary>
/// Enforces the route policies: a missing credential is 401, a wrong or other-purpose one is 403.
/// An unconfigured key denies everything rather than letting everything in.
/// </summary>
public sealed class ApiAuthenticator(AccessOptions options)
{
    public const string ApiKeyHeader = "x-api-key";

    private readonly IReadOnlyDictionary<string, string> _orderTokens = options.OrderTokens();

    public AuthResult Authenticate(AuthPolicy policy, ApiRequest request) => policy switch
    {
        AuthPolicy.Anonymous => AuthResult.Allow("anonymous"),
        AuthPolicy.ErrorLogsWrite => CheckKey(request, NullIfBlank(options.ErrorLogsWriteKey), "error-logs-writer"),
        AuthPolicy.ErrorLogsRead => CheckKey(request, NullIfBlank(options.ErrorLogsReadKey), "error-logs-reader"),
        AuthPolicy.OrdersBearer => CheckBearer(request),
        _ => throw new ArgumentOutOfRangeException(nameof(policy), policy, "Unknown auth policy."),
    };

    /// <summary>The token authorizer on its own, for hosts that authorize before routing (API Gateway).</summary>
    public string? IdentityForToken(string? authorizationHeader)
    {
        var token = BearerToken(authorizationHeader);
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

    private static AuthResult CheckKey(ApiRequest request, string? expected, string identity)
    {
        var presented = request.Header(ApiKeyHeader);
        if (string.IsNullOrEmpty(presented))
        {
            return AuthResult.Unauthenticated($"The '{ApiKeyHeader}' header is required.");
        }

        return expected is not null && FixedTimeEquals(expected, presented)
            ? AuthResult.Allow(identity)
            : AuthResult.Forbidden("The API key is not valid for this operation.");
    }

    private AuthResult CheckBearer(ApiRequest request)
    {
        var header = request.Header("Authorization");
        if (BearerToken(header) is null)
        {
            return AuthResult.Unauthenticated("An 'Authorization: Bearer <token>' header is required.");
        }

        var identity = IdentityForToken(header);
        return identity is null ? AuthResult.Forbidden("The bearer token is not valid.") : AuthResult.Allow(identity);
    }

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

    private static string? NullIfBlank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;
}
