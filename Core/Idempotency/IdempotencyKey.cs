using System.Security.Cryptography;
using Portable.Core.Http;
using Portable.Core.Validation;

namespace Portable.Core.Idempotency;

/// <summary>
/// A client's <c>Idempotency-Key</c> for one effect: a repeat with the same key and the same request gets the first
/// answer again and stores nothing; the same key with another request is refused (422). Keys are kept per
/// <see cref="Scope"/> (a route and the identity that used it), with a fingerprint of the request they were first
/// used with, in the same store and the same transaction as the effect.
/// </summary>
public sealed record IdempotencyKey(string Scope, string Key, string Fingerprint)
{
    public const string Header = "Idempotency-Key";
    public const int MaxLength = 200;

    /// <summary>The request's key in <paramref name="scope"/>, or null when it sends none; a malformed key is a 400 naming the header.</summary>
    public static IdempotencyKey? FromRequest(ApiRequest request, string scope)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.Header(Header) is not { } key)
        {
            return null;
        }

        if (key.Length is 0 or > MaxLength || key.Any(c => c is < '!' or > '~'))
        {
            var errors = new ValidationErrors();
            errors.Add(Header, $"must be 1 to {MaxLength} printable ASCII characters without spaces.");
            errors.ThrowIfAny();
        }

        return new IdempotencyKey(scope, key, Convert.ToHexStringLower(SHA256.HashData(request.Body.Span)));
    }

    /// <summary>A key of a queue message: its id, with the body it first came with.</summary>
    public static IdempotencyKey ForMessage(string queue, string messageId, ReadOnlySpan<byte> body) =>
        new("queue:" + queue, messageId, Convert.ToHexStringLower(SHA256.HashData(body)));

    /// <summary>Refuses a key first used with another request.</summary>
    public IdempotencyMismatchException Mismatch() =>
        new($"The {Header} '{Key}' was first used with another request; send a new key for a new request.");
}
