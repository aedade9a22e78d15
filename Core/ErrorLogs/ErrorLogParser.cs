using System.Text.Json;
using Portable.Core.Validation;

namespace Portable.Core.ErrorLogs;

/// <summary>
/// Reads a POST body of one error log or an array of them. Every problem is reported with its field
/// (<c>time_stamp</c>, or <c>[3].time_stamp</c> in a batch) and a batch with any bad record is refused whole.
/// </summary>
/// <remarks>
/// One forward pass of a <see cref="Utf8JsonReader"/>, with no document built: ingest is the hot path of this API, and
/// a valid record costs its <see cref="ErrorLog"/> and device id string only. Field paths are written only for errors.
/// </remarks>
public static class ErrorLogParser
{
    public const int MaxBatchSize = 1000;

    private static readonly JsonReaderOptions Options = new() { MaxDepth = 8 };

    public static IReadOnlyList<ErrorLog> Parse(ReadOnlyMemory<byte> body)
    {
        var errors = new LazyErrors();
        List<ErrorLog> logs;
        try
        {
            var reader = new Utf8JsonReader(body.Span, Options);
            if (!reader.Read())
            {
                throw new ValidationException("body", "is not valid JSON: it is empty.");
            }

            switch (reader.TokenType)
            {
                case JsonTokenType.StartObject:
                    logs = new List<ErrorLog>(1);
                    ReadRecord(ref reader, null, ref errors, logs);
                    break;
                case JsonTokenType.StartArray:
                    logs = ReadArray(ref reader, ref errors);
                    break;
                default:
                    reader.Skip();
                    ReadToEnd(ref reader);
                    throw new ValidationException("body", "must be an error log object or an array of them.");
            }

            ReadToEnd(ref reader);
        }
        catch (JsonException exception)
        {
            throw new ValidationException("body", $"is not valid JSON: {exception.Message}");
        }
        catch (InvalidOperationException)
        {
            // The reader compares a property name it cannot transcode.
            throw new ValidationException("body", JsonText.InvalidName);
        }

        errors.ThrowIfAny();
        return logs;
    }

    private static List<ErrorLog> ReadArray(ref Utf8JsonReader reader, ref LazyErrors errors)
    {
        var logs = new List<ErrorLog>();
        var count = 0;
        while (Next(ref reader) != JsonTokenType.EndArray)
        {
            if (count < MaxBatchSize)
            {
                ReadRecord(ref reader, count, ref errors, logs);
            }
            else
            {
                // Counted to the end, so that the answer can say how many there were.
                reader.Skip();
            }

            count++;
        }

        return count is 0 or > MaxBatchSize
            ? throw new ValidationException("body", $"must hold 1 to {MaxBatchSize} error logs; it holds {count}.")
            : logs;
    }

    /// <summary>Reads the value the reader is on (a record, or in a batch, whatever stands in its place).</summary>
    private static void ReadRecord(ref Utf8JsonReader reader, int? index, ref LazyErrors errors, List<ErrorLog> logs)
    {
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            reader.Skip();
            errors.Add(index is null ? "body" : $"[{index}]", "must be an object with device_id, error_number and time_stamp.");
            return;
        }

        var before = errors.Count;
        string? deviceId = null;
        int? errorNumber = null;
        long? timeStamp = null;
        bool seenDeviceId = false, seenErrorNumber = false, seenTimeStamp = false;
        while (Next(ref reader) == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("device_id"u8))
            {
                seenDeviceId = true;
                if (Next(ref reader) == JsonTokenType.String)
                {
                    if (!JsonText.TryGetString(ref reader, out deviceId))
                    {
                        errors.Add(Field(index, "device_id"), JsonText.Invalid);
                    }
                }
                else
                {
                    reader.Skip();
                    errors.Add(Field(index, "device_id"), "must be a string.");
                }
            }
            else if (reader.ValueTextEquals("error_number"u8))
            {
                seenErrorNumber = true;
                if (Next(ref reader) == JsonTokenType.Number && reader.TryGetInt32(out var number))
                {
                    errorNumber = number;
                }
                else
                {
                    reader.Skip();
                    errors.Add(Field(index, "error_number"), "must be a 32-bit integer.");
                }
            }
            else if (reader.ValueTextEquals("time_stamp"u8))
            {
                seenTimeStamp = true;
                if (Next(ref reader) == JsonTokenType.Number && reader.TryGetInt64(out var seconds))
                {
                    timeStamp = seconds;
                }
                else
                {
                    reader.Skip();
                    errors.Add(Field(index, "time_stamp"), "must be an integer number of seconds since the Unix epoch.");
                }
            }
            else
            {
                var named = JsonText.TryGetString(ref reader, out var name);
                Next(ref reader);
                reader.Skip();
                errors.Add(named ? Field(index, name!) : index is null ? "body" : $"[{index}]", named ? "is not a field of an error log." : JsonText.InvalidName);
            }
        }

        if (!seenDeviceId)
        {
            errors.Add(Field(index, "device_id"), "is required.");
        }

        if (!seenErrorNumber)
        {
            errors.Add(Field(index, "error_number"), "is required.");
        }

        if (!seenTimeStamp)
        {
            errors.Add(Field(index, "time_stamp"), "is required.");
        }

        if (errors.Count == before && deviceId is not null && errorNumber is not null && timeStamp is not null && ErrorLog.IsValid(deviceId, timeStamp.Value))
        {
            logs.Add(ErrorLog.Create(deviceId, errorNumber.Value, timeStamp.Value));
            return;
        }

        errors.Validate(index is null ? "" : $"[{index}].", deviceId, timeStamp);
    }

    private static JsonTokenType Next(ref Utf8JsonReader reader) =>
        reader.Read() ? reader.TokenType : throw new JsonException("The JSON ends too early.");

    /// <summary>Anything after the one top-level value is an error, as it would be for a document parser.</summary>
    private static void ReadToEnd(ref Utf8JsonReader reader)
    {
        if (reader.Read())
        {
            throw new JsonException($"'{reader.TokenType}' follows the end of the value.");
        }
    }

    private static string Field(int? index, string name) => index is null ? name : $"[{index}].{name}";

    /// <summary>The request's <see cref="ValidationErrors"/>, made on its first error: a valid body makes none.</summary>
    private struct LazyErrors
    {
        private ValidationErrors? _errors;

        public readonly int Count => _errors?.Count ?? 0;

        public void Add(string field, string message) => (_errors ??= new ValidationErrors()).Add(field, message);

        public void Validate(string path, string? deviceId, long? timeStamp) =>
            ErrorLog.Validate(_errors ??= new ValidationErrors(), path, deviceId, timeStamp);

        public readonly void ThrowIfAny() => _errors?.ThrowIfAny();
    }
}
