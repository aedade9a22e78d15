using System.Text.Json;
using Portable.Core.Workflows;
using Portable.Functions.Durable;

namespace Portable.Functions.Tests.Durable;

/// <summary>Activity answers as the activity functions give them: Core-serialized output or Core failure details.</summary>
internal static class Payloads
{
    public static IDataConverter Converter { get; } = new JsonDataConverter(Program.JsonContexts);

    public static ActivityResult Ok(object? output) =>
        ActivityResult.Completed(Converter.Serialize(output) is { } text ? JsonDocument.Parse(text).RootElement.Clone() : null);

    public static ActivityResult Fail<TException>(string message)
        where TException : Exception =>
        ActivityResult.Failed(new TaskFailureDetails(typeof(TException).FullName!, message));

    public static T Read<T>(JsonElement? json) => Converter.Deserialize<T>(json?.GetRawText())!;
}
