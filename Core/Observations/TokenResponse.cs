using System.Globalization;
using System.Text;
using System.Text.Json.Serialization;

namespace Portable.Core.Observations;

/// <summary>An OAuth2 token endpoint's success answer (RFC 6749 §5.1).</summary>
public sealed record TokenResponse(
    [property: JsonPropertyName("access_token")] string? AccessToken,
    [property: JsonPropertyName("token_type")] string? TokenType,
    // Some identity providers send expires_in as a string ("3599").
    [property: JsonPropertyName("expires_in"), JsonNumberHandling(JsonNumberHandling.AllowReadingFromString)] long? ExpiresIn)
{
    // Records print every property; a token must not reach a log line through ToString.
    private bool PrintMembers(StringBuilder builder)
    {
        builder.Append(CultureInfo.InvariantCulture, $"AccessToken = ***, TokenType = {TokenType}, ExpiresIn = {ExpiresIn}");
        return true;
    }
}
