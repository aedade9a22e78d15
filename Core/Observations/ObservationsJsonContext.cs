using System.Text.Json.Serialization;

namespace Portable.Core.Observations;

/// <summary>Source-generated JSON metadata, so hosts serialize results and tokens without reflection.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase)]
[JsonSerializable(typeof(ObservationsResult))]
[JsonSerializable(typeof(TokenResponse))]
public sealed partial class ObservationsJsonContext : JsonSerializerContext
{
}
