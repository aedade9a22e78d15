using System.Text.Json.Serialization;

namespace Portable.Adapters.Local;

[JsonSerializable(typeof(Dictionary<string, string>))]
internal sealed partial class DevelopmentJsonContext : JsonSerializerContext;
