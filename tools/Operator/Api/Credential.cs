using System.Net.Http.Headers;

namespace Portable.Operator.Api;

/// <summary>A credential as a request carries it: the operator's x-functions-key, an x-api-key, or a bearer token.</summary>
public sealed record Credential(string Header, string Value)
{
    public static Credential Operator(string key) => new("x-functions-key", key);

    public static Credential ApiKey(string key) => new("x-api-key", key);

    public static Credential Bearer(string token) => new("Authorization", "Bearer " + token);

    public void Apply(HttpRequestHeaders headers)
    {
        ArgumentNullException.ThrowIfNull(headers);
        headers.TryAddWithoutValidation(Header, Value);
    }

    /// <summary>Never the secret itself, should a record be printed.</summary>
    public override string ToString() => Header;
}
