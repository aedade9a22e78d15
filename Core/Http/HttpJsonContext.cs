using System.Text.Json;
using System.Text.Json.Serialization;

namespace Portable.Core.Http;

[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(ProblemDetails))]
internal sealed partial class HttpJsonContext : JsonSerializerContext;
