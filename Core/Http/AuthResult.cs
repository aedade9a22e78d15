namespace Portable.Core.Http;

/// <summary>The outcome of checking a request against a route's policy.</summary>
public readonly record struct AuthResult(int StatusCode, string? Identity, string? Reason)
{
    public bool Succeeded => StatusCode == 0;

    public static AuthResult Allow(string identity) => new(0, identity, null);

    public static AuthResult Unauthenticated(string reason) => new(401, null, reason);

    public static AuthResult Forbidden(string reason) => new(403, null, reason);
}
