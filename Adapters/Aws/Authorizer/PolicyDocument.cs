using System.Text.Json.Serialization;

namespace Portable.Adapters.Aws.Authorizer;

/// <summary>The IAM policy document of a <see cref="PolicyResponse"/>.</summary>
public sealed record PolicyDocument(
    [property: JsonPropertyName("Version")] string Version,
    [property: JsonPropertyName("Statement")] IReadOnlyList<PolicyStatement> Statement);
