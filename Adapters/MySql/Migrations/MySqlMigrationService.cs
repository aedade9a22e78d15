using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Portable.Adapters.MySql.Migrations;

/// <summary>
/// Applies pending migrations when the host starts (unless <c>Storage:MySql:MigrateOnStart</c> is false), waiting
/// for a database that is still coming up for at most <see cref="StartupPatience"/> before failing the start. The
/// database's first use then finds its <see cref="MySqlSchema"/> current and checks nothing.
/// </summary>
public sealed partial class MySqlMigrationService(MySqlSchema schema, MySqlStorageOptions options, TimeProvider time, ILogger<MySqlMigrationService> logger)
    : IHostedService
{
    public static readonly TimeSpan StartupPatience = TimeSpan.FromSeconds(30);

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (!options.MigrateOnStart)
        {
            return;
        }

        var deadline = time.GetUtcNow() + StartupPatience;
        var delay = TimeSpan.FromMilliseconds(250);
        while (true)
        {
            try
            {
                await schema.MigrateAsync(cancellationToken);
                return;
            }
            catch (Exception exception) when (!cancellationToken.IsCancellationRequested && time.GetUtcNow() + delay < deadline
                && MySqlFailures.Classify(exception, opening: true) is MySqlFailure.Unreachable or MySqlFailure.ConnectionLost)
            {
                LogWaiting(logger, delay.TotalSeconds, exception);
                await Task.Delay(delay, time, cancellationToken);
                delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, TimeSpan.FromSeconds(5).Ticks));
            }
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Warning, Message = "The database cannot be reached to migrate it; trying again in {Seconds} s.")]
    private static partial void LogWaiting(ILogger logger, double seconds, Exception exception);
}
