using System.Text.Json.Serialization;

namespace Portable.Adapters.Aws.Authorizer;

/// <summary>An authorizer's IAM policy answer (REST authorizers, and HTTP API authorizers of payload 1.0).</summary>
public sealed record PolicyResponse(
    [property: JsonPropertyName("principalId")] string PrincipalId,
    [property: JsonPropertyName("policyDocument")] PolicyDocument PolicyDocument,
    [property: JsonPropertyName("context")] IReadOnlyDictionary<string, string>? Context);
