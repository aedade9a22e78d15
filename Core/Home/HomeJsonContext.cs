using System.Text.Json;
using System.Text.Json.Serialization;

namespace Portable.Core.Home;

[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(HomeAnswer))]
public sealed partial class HomeJsonContext : JsonSerializerContext;
