using System.Text.Json;
using Portable.Adapters.Aws.Json;

namespace Portable.Adapters.Aws.Schedule;

/// <summary>Reads the EventBridge scheduled event, without the serializer (<see cref="EventJson"/>).</summary>
public static class ScheduledEventReader
{
    public static ScheduledEvent Read(ReadOnlySpan<byte> utf8Json)
    {
        var reader = new Utf8JsonReader(utf8Json);
        EventJson.Begin(ref reader);
        string? id = null;
        DateTimeOffset? time = null;
        IReadOnlyList<string>? resources = null;
        while (EventJson.NextProperty(ref reader))
        {
            if (EventJson.Is(ref reader, "id"u8)) { id = EventJson.String(ref reader, "id"); }
            else if (EventJson.Is(ref reader, "time"u8)) { time = EventJson.Time(ref reader, "time"); }
            else if (EventJson.Is(ref reader, "resources"u8)) { resources = EventJson.Strings(ref reader, "resources"); }
            else { EventJson.Skip(ref reader); }
        }

        EventJson.End(ref reader);
        return new ScheduledEvent(id, time, resources);
    }
}
