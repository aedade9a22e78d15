using System.Globalization;
using System.Text.Json;
using Portable.Operator.Api;

namespace Portable.Operator.Commands;

/// <summary>An instance's fields as the tables show them, read whatever the host's casing.</summary>
internal static class InstanceText
{
    public static string Id(JsonElement instance) => JsonFields.String(instance, "instanceId") ?? "";

    public static string Name(JsonElement instance) => JsonFields.String(instance, "name") ?? "";

    public static string Status(JsonElement instance) => JsonFields.String(instance, "runtimeStatus") ?? "";

    public static string Time(DateTimeOffset? time) =>
        time is { } value ? value.ToString("yyyy-MM-dd HH:mm:ss'Z'", CultureInfo.InvariantCulture) : "";

    public static string Created(JsonElement instance) => Time(JsonFields.Time(instance, "createdTime"));

    public static string Updated(JsonElement instance) => Time(JsonFields.Time(instance, "lastUpdatedTime"));

    public static string CustomStatus(JsonElement instance) => Output.JsonOutput.Compact(JsonFields.Get(instance, "customStatus"));

    /// <summary>"ErrorType: message" from failure details that are an object (this API) or a string (older hosts).</summary>
    public static string? Failure(JsonElement? failure) => failure switch
    {
        { ValueKind: JsonValueKind.Object } details =>
            $"{JsonFields.String(details, "errorType")}: {JsonFields.String(details, "errorMessage")}".Trim(' ', ':'),
        { } other => Output.JsonOutput.Compact(other),
        null => null,
    };
}
