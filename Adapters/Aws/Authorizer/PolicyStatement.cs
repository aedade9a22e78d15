using System.Text.Json.Serialization;

namespace Portable.Adapters.Aws.Authorizer;

/// <summary>One statement of a <see cref="PolicyDocument"/>.</summary>
public sealed record PolicyStatement(
    [property: JsonPropertyName("Action")] string Action,
    [property: JsonPropertyName("Effect")] string Effect,
    [property: JsonPropertyName("Resource")] string Resource);
