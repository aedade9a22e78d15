using Portable.Adapters.Aws.Json;

namespace Portable.Adapters.Aws.Schedule;

/// <summary>What one scheduled run did; the invocation's answer, for its logs and tests.</summary>
/// <param name="Dispatched">Dispatch messages handled and deleted.</param>
/// <param name="Failed">Dispatch messages whose handling failed; given back with a delay.</param>
/// <param name="Released">Dispatch messages received but not started before the deadline; given back at once.</param>
/// <param name="Swept">Instances woken by the durable sweeper; null when the deadline came before it could run.</param>
/// <param name="KeysSwept">Expired idempotency keys deleted; null in the runs that do not sweep them (all but the hour's first).</param>
public sealed record ScheduleResult(int Dispatched, int Failed, int Released, int? Swept, int? KeysSwept = null)
{
    /// <summary>The answer's document, written without the serializer (<see cref="EventJson"/>); a null count is left out.</summary>
    public byte[] ToUtf8Json() => EventJson.Write(this, 112, static (writer, result) =>
    {
        writer.WriteStartObject();
        writer.WriteNumber("dispatched"u8, result.Dispatched);
        writer.WriteNumber("failed"u8, result.Failed);
        writer.WriteNumber("released"u8, result.Released);
        if (result.Swept is { } swept)
        {
            writer.WriteNumber("swept"u8, swept);
        }

        if (result.KeysSwept is { } keysSwept)
        {
            writer.WriteNumber("keysSwept"u8, keysSwept);
        }

        writer.WriteEndObject();
    });
}
