using Portable.Core.Validation;

namespace Portable.Core.ErrorLogs;

/// <summary>One error reported by a device (seed 001); construct it through <see cref="Create"/> so it is always valid.</summary>
public sealed record ErrorLog
{
    public const int MaxDeviceIdLength = 255;

    private ErrorLog(string deviceId, int errorNumber, long timeStamp)
    {
        DeviceId = deviceId;
        ErrorNumber = errorNumber;
        TimeStamp = timeStamp;
    }

    public string DeviceId { get; }

    public int ErrorNumber { get; }

    /// <summary>Seconds since the Unix epoch, as reported by the device.</summary>
    public long TimeStamp { get; }

    public static ErrorLog Create(string deviceId, int errorNumber, long timeStamp)
    {
        if (!IsValid(deviceId, timeStamp))
        {
            var errors = new ValidationErrors();
            Validate(errors, "", deviceId, timeStamp);
            errors.ThrowIfAny();
        }

        return new ErrorLog(deviceId, errorNumber, timeStamp);
    }

    /// <summary>Adds the record's rule violations to <paramref name="errors"/>, under fields prefixed by <paramref name="path"/>.</summary>
    internal static void Validate(ValidationErrors errors, string path, string? deviceId, long? timeStamp)
    {
        if (deviceId is not null && !IsValidDeviceId(deviceId))
        {
            errors.Add(path + "device_id", $"must be 1 to {MaxDeviceIdLength} characters long.");
        }

        if (timeStamp is < 0)
        {
            errors.Add(path + "time_stamp", "must be a non-negative number of seconds since the Unix epoch.");
        }
    }

    /// <summary>The rules of <see cref="Validate"/> as one test, for the path where every record is valid.</summary>
    internal static bool IsValid(string? deviceId, long timeStamp) => (deviceId is null || IsValidDeviceId(deviceId)) && timeStamp >= 0;

    private static bool IsValidDeviceId(string deviceId) => deviceId.Length is > 0 and <= MaxDeviceIdLength;
}
