using System.Text.Json;
using Portable.Core.Validation;

namespace Portable.Core.ErrorLogs;

/// <summary>
/// Reads a POST body of one error log or an array of them. Every problem is reported with its field
/// (<c>time_stamp</c>, or <c>[3].time_stamp</c> in a batch) and a batch with any bad record is refused whole.
/// </summary>
public static class ErrorLogParser
{
    public const int MaxBatchSize = 1000;

    public static IReadOnlyList<ErrorLog> Parse(ReadOnlyMemory<byte> body)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(body, new JsonDocumentOptions { MaxDepth = 8 });
        }
        catch (JsonException exception)
        {
            throw new ValidationException("body", $"is not valid JSON: {exception.Message}");
        }

        using (document)
        {
            var errors = new ValidationErrors();
            var root = document.RootElement;
            List<ErrorLog> logs;
            switch (root.ValueKind)
            {
                case JsonValueKind.Object:
                    logs = [];
                    ReadRecord(root, "", errors, logs);
                    break;
                case JsonValueKind.Array:
                    var count = root.GetArrayLength();
                    if (count == 0 || count > MaxBatchSize)
                    {
                        throw new ValidationException("body", $"must hold 1 to {MaxBatchSize} error logs; it holds {count}.");
                    }

                    logs = new List<ErrorLog>(count);
                    var index = 0;
                    foreach (var element in root.EnumerateArray())
                    {
                        ReadRecord(element, $"[{index++}].", errors, logs);
                    }

                    break;
                default:
                    throw new ValidationException("body", "must be an error log object or an array of them.");
            }

            errors.ThrowIfAny();
            return logs;
        }
    }

    private static void ReadRecord(JsonElement element, string path, ValidationErrors errors, List<ErrorLog> logs)
    {
        if (element.ValueKind != JsonValueKind.Object)
        {
            errors.Add(path.Length == 0 ? "body" : path.TrimEnd('.'), "must be an object with device_id, error_number and time_stamp.");
            return;
        }

        var before = errors.Count;
        string? deviceId = null;
        int? errorNumber = null;
        long? timeStamp = null;
        foreach (var property in element.EnumerateObject())
        {
            switch (property.Name)
            {
                case "device_id":
                    if (property.Value.ValueKind == JsonValueKind.String)
                    {
                        deviceId = property.Value.GetString();
                    }
                    else
                    {
                        errors.Add(path + "device_id", "must be a string.");
                    }

                    break;
                case "error_number":
                    if (property.Value.ValueKind == JsonValueKind.Number && property.Value.TryGetInt32(out var number))
                    {
                        errorNumber = number;
                    }
                    else
                    {
                        errors.Add(path + "error_number", "must be a 32-bit integer.");
                    }

                    break;
                case "time_stamp":
                    if (property.Value.ValueKind == JsonValueKind.Number && property.Value.TryGetInt64(out var seconds))
                    {
                        timeStamp = seconds;
                    }
                    else
                    {
                        errors.Add(path + "time_stamp", "must be an integer number of seconds since the Unix epoch.");
                    }

                    break;
                default:
                    errors.Add(path + property.Name, "is not a field of an error log.");
                    break;
            }
        }

        if (deviceId is null && !element.TryGetProperty("device_id", out _))
        {
            errors.Add(path + "device_id", "is required.");
        }

        if (errorNumber is null && !element.TryGetProperty("error_number", out _))
        {
            errors.Add(path + "error_number", "is required.");
        }

        if (timeStamp is null && !element.TryGetProperty("time_stamp", out _))
        {
            errors.Add(path + "time_stamp", "is required.");
        }

        ErrorLog.Validate(errors, path, deviceId, timeStamp);
        if (errors.Count == before && deviceId is not null && errorNumber is not null && timeStamp is not null)
        {
            logs.Add(ErrorLog.Create(deviceId, errorNumber.Value, timeStamp.Value));
        }
    }
}
