using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace Portable.Functions.Http;

[JsonSerializable(typeof(JsonNode))]
internal sealed partial class ManagementLinksJsonContext : JsonSerializerContext;
