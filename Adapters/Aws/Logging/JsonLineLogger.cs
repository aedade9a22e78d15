using System.Buffers;
using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.Logging;

namespace Portable.Adapters.Aws.Logging;

/// <summary>One category's logger of <see cref="JsonLineLoggerProvider"/>.</summary>
internal sealed class JsonLineLogger(string category, JsonLineLoggerProvider provider) : ILogger
{
    private const string OriginalFormat = "{OriginalFormat}";

    public IDisposable? BeginScope<TState>(TState state)
        where TState : notnull => provider.Scopes.Push(state);

    public bool IsEnabled(LogLevel logLevel) => logLevel != LogLevel.None && logLevel >= provider.MinimumLevel;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        if (!IsEnabled(logLevel))
        {
            return;
        }

        ArgumentNullException.ThrowIfNull(formatter);
        var buffer = new ArrayBufferWriter<byte>(512);
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString("timestamp", provider.Time.GetUtcNow().ToString("yyyy-MM-ddTHH:mm:ss.fffZ", CultureInfo.InvariantCulture));
            json.WriteString("level", LevelName(logLevel));
            json.WriteString("category", category);

            // The [LoggerMessage] method's name: what the template's metric filters count lines by.
            if (!string.IsNullOrEmpty(eventId.Name))
            {
                json.WriteString("eventName", eventId.Name);
            }

            json.WriteString("message", formatter(state, exception));
            provider.Scopes.ForEachScope(static (scope, writer) => WriteProperties(scope, writer), json);
            WriteProperties(state, json);
            if (exception is not null)
            {
                json.WriteString("errorType", exception.GetType().FullName);
                json.WriteString("exception", exception.ToString());
            }

            json.WriteEndObject();
        }

        buffer.Write("\n"u8);
        provider.Write(buffer.WrittenSpan);
    }

    /// <summary>The level names of Lambda's own JSON log format, so its log-level filters apply.</summary>
    private static string LevelName(LogLevel level) => level switch
    {
        LogLevel.Trace => "TRACE",
        LogLevel.Debug => "DEBUG",
        LogLevel.Information => "INFO",
        LogLevel.Warning => "WARN",
        LogLevel.Error => "ERROR",
        _ => "FATAL",
    };

    private static void WriteProperties(object? state, Utf8JsonWriter json)
    {
        if (state is not IEnumerable<KeyValuePair<string, object?>> properties)
        {
            return;
        }

        foreach (var (key, value) in properties)
        {
            if (key == OriginalFormat)
            {
                continue;
            }

            switch (value)
            {
                case null:
                    json.WriteNull(key);
                    break;
                case string text:
                    json.WriteString(key, text);
                    break;
                case bool flag:
                    json.WriteBoolean(key, flag);
                    break;
                case int or long or short or byte or uint:
                    json.WriteNumber(key, Convert.ToInt64(value, CultureInfo.InvariantCulture));
                    break;
                case double number when double.IsFinite(number):
                    json.WriteNumber(key, number);
                    break;
                case IFormattable formattable:
                    json.WriteString(key, formattable.ToString(null, CultureInfo.InvariantCulture));
                    break;
                default:
                    json.WriteString(key, value.ToString());
                    break;
            }
        }
    }
}
