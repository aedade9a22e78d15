using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace Portable.Operator.Output;

/// <summary>JSON for scripts: the host's own answers, indented, and the CLI's summaries written field by field.</summary>
public static class JsonOutput
{
    private static readonly JsonWriterOptions Options = new() { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static void Write(TextWriter writer, Action<Utf8JsonWriter> write)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(write);
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, Options))
        {
            write(json);
        }

        writer.WriteLine(Encoding.UTF8.GetString(buffer.ToArray()));
    }

    public static void Write(TextWriter writer, JsonElement element) => Write(writer, element.WriteTo);

    /// <summary>A JSON value on one line, for a table cell.</summary>
    public static string Compact(JsonElement? element) =>
        element is { } value ? (value.ValueKind == JsonValueKind.String ? value.GetString() ?? "" : value.GetRawText()) : "";
}
