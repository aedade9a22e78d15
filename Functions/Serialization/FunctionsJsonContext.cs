using System.Text.Json;
using System.Text.Json.Serialization;
using Portable.Functions.Durable;

namespace Portable.Functions.Serialization;

/// <summary>The types this host adds to what crosses the Durable boundary.</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(ActivityCall))]
[JsonSerializable(typeof(ActivityResult))]
[JsonSerializable(typeof(JsonElement))]
internal sealed partial class FunctionsJsonContext : JsonSerializerContext;
