using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Portable.Core.Idempotency;

namespace Portable.Adapters.Local.Idempotency;

/// <summary>
/// The embedded host's run of <see cref="IdempotencyKeySweep"/>: once when it starts (a development host is often
/// restarted within the hour, and would otherwise never sweep) and then every <see cref="Interval"/>.
/// </summary>
public sealed partial class IdempotencyKeySweepSchedule(IdempotencyKeySweep sweep, TimeProvider time, ILogger<IdempotencyKeySweepSchedule> logger)
    : BackgroundService
{
    /// <summary>Hourly, as on the other hosts: keys are kept a day by default, so an hour's late deletion costs little room.</summary>
    public static readonly TimeSpan Interval = TimeSpan.FromHours(1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Interval, time);
        do
        {
            try
            {
                await sweep.RunAsync(stoppingToken);
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                LogSweepFailed(logger, exception);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "The idempotency key sweep failed; it runs again at the next interval")]
    private static partial void LogSweepFailed(ILogger logger, Exception exception);
}
