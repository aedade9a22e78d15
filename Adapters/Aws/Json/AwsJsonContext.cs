using System.Text.Json;
using System.Text.Json.Serialization;
using Portable.Adapters.Aws.Api;
using Portable.Adapters.Aws.Authorizer;
using Portable.Adapters.Aws.Runtime;

namespace Portable.Adapters.Aws.Json;

/// <summary>
/// The events and answers this host reads or writes through the serializer, source-generated so the bootstrap stays
/// free of reflection under native AOT: REST API events, authorizers, runtime errors. The events a function takes in
/// every cold start (HTTP API, SQS, schedule) and its answers to them are read and written without it
/// (<see cref="EventJson"/>). Names are camelCase unless AWS spells them otherwise (marked on the property); reading
/// ignores case and unknown fields, as events grow new fields over time.
/// </summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(RuntimeError))]
[JsonSerializable(typeof(RestApiRequest))]
[JsonSerializable(typeof(AuthorizerRequest))]
[JsonSerializable(typeof(SimpleAuthorizerResponse))]
[JsonSerializable(typeof(PolicyResponse))]
public sealed partial class AwsJsonContext : JsonSerializerContext;
