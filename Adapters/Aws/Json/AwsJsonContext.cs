using System.Text.Json;
using System.Text.Json.Serialization;
using Portable.Adapters.Aws.Api;
using Portable.Adapters.Aws.Authorizer;
using Portable.Adapters.Aws.Queues;
using Portable.Adapters.Aws.Runtime;
using Portable.Adapters.Aws.Schedule;

namespace Portable.Adapters.Aws.Json;

/// <summary>
/// The events and answers this host reads or writes through the serializer, source-generated so the bootstrap stays
/// free of reflection under native AOT (the api function's HTTP API event and proxy response are read and written by
/// hand: <see cref="HttpApiEventReader"/>). Names are camelCase unless AWS spells them otherwise (marked on the
/// property); reading ignores case and unknown fields, as events grow new fields over time.
/// </summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(RuntimeError))]
[JsonSerializable(typeof(RestApiRequest))]
[JsonSerializable(typeof(AuthorizerRequest))]
[JsonSerializable(typeof(SimpleAuthorizerResponse))]
[JsonSerializable(typeof(PolicyResponse))]
[JsonSerializable(typeof(SqsEvent))]
[JsonSerializable(typeof(SqsBatchResponse))]
[JsonSerializable(typeof(ScheduledEvent))]
[JsonSerializable(typeof(ScheduleResult))]
public sealed partial class AwsJsonContext : JsonSerializerContext;
