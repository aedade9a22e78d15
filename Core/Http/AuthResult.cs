namespace Portable.Core.Http;

/// <summary>The outcome of checking a request against a route's policy.</summary>
public readonly record struct AuthResult(int StatusCode, string? Identity, string? Reason, CallerRole Role = CallerRole.Anonymous)
{
    public bool Succeeded => StatusCode == 0;

    public static AuthResult Allow(string identity, CallerRole role = CallerRole.Anonymous) => new(0, identity, null, role);

    public static AuthResult Unauthenticated(string reason) => new(401, null, reason);

    public static AuthResult Forbidden(string reason) => new(403, null, reason);
}
