using Portable.Core.ErrorLogs;

namespace Portable.Bench.ErrorLogs;

/// <summary>Error logs from a fleet of devices, with time stamps that move forward as they would in production.</summary>
internal sealed class LogGenerator(int seed, int devices = LogGenerator.Devices)
{
    public const int Devices = 1000;

    private readonly Random _random = new(seed);
    private long _sequence;

    public static string DeviceId(int index) => $"device-{index:D4}";

    public ErrorLog Next() =>
        ErrorLog.Create(DeviceId(_random.Next(devices)), _random.Next(1, 10_000), 1_700_000_000 + (_sequence++ / 100));

    public ErrorLog[] Next(int count)
    {
        var logs = new ErrorLog[count];
        for (var i = 0; i < count; i++)
        {
            logs[i] = Next();
        }

        return logs;
    }
}
