using Portable.Core.ErrorLogs;
using Portable.Core.Quality;
using Portable.Core.Workflows;

namespace Portable.Core.Dashboard;

/// <summary>
/// Computes the dashboard's charts from the host's own stores, with no metrics system: every read is bounded by the
/// window and a row limit, so a busy store cannot make a chart unbounded.
/// </summary>
public sealed class OperationsCharts(IWorkflowClient workflows, IQualityReadings quality, IErrorLogReadings errorLogs, TimeProvider time)
{
    /// <summary>The most instances read for the workflow chart.</summary>
    public const int MaxInstances = 5_000;

    /// <summary>The most failed samples read for the quality charts.</summary>
    public const int MaxFailures = 2_000;

    public const int TopDeviceCount = 10;

    public static readonly TimeSpan MaxWindow = TimeSpan.FromDays(1);

    public async Task<ChartsView> ReadAsync(TimeSpan window, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(window, TimeSpan.FromMinutes(1));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(window, MaxWindow);
        var to = time.GetUtcNow();
        var from = Minute(to - window);
        var (minutes, capped) = await WorkflowMinutesAsync(from, cancellationToken);
        var failures = await quality.FailuresSinceAsync(from, MaxFailures, cancellationToken);
        var byInstrument = Ranked(failures.Select(record => record.InstrumentId));
        var byCheck = Ranked(failures.SelectMany(record => record.Findings.Select(finding => finding.Rule).Distinct()));
        var since = from.ToUnixTimeSeconds();
        return new ChartsView(
            from,
            to,
            minutes,
            capped,
            byInstrument,
            byCheck,
            await quality.CountUndeliveredAsync(cancellationToken),
            await errorLogs.PerMinuteAsync(since, cancellationToken),
            await errorLogs.TopDevicesAsync(since, TopDeviceCount, cancellationToken));
    }

    private async Task<(IReadOnlyList<WorkflowMinute> Minutes, bool Capped)> WorkflowMinutesAsync(DateTimeOffset from, CancellationToken cancellationToken)
    {
        var started = new SortedDictionary<DateTimeOffset, (int Started, int Completed, int Failed)>();
        void Add(DateTimeOffset at, int s, int c, int f)
        {
            var minute = Minute(at);
            var counts = started.GetValueOrDefault(minute);
            started[minute] = (counts.Started + s, counts.Completed + c, counts.Failed + f);
        }

        var query = new WorkflowQuery { CreatedFrom = from, PageSize = WorkflowQuery.MaxPageSize, FetchInputsAndOutputs = false };
        var read = 0;
        var capped = false;
        while (true)
        {
            var page = await workflows.QueryAsync(query, cancellationToken);
            foreach (var instance in page.Instances)
            {
                Add(instance.CreatedAt, 1, 0, 0);
                if (instance.RuntimeStatus == WorkflowRuntimeStatus.Completed)
                {
                    Add(instance.LastUpdatedAt, 0, 1, 0);
                }
                else if (instance.RuntimeStatus == WorkflowRuntimeStatus.Failed)
                {
                    Add(instance.LastUpdatedAt, 0, 0, 1);
                }
            }

            read += page.Instances.Count;
            if (page.ContinuationToken is null || (capped = read >= MaxInstances))
            {
                break;
            }

            query = query with { ContinuationToken = page.ContinuationToken };
        }

        return ([.. started.Select(pair => new WorkflowMinute(pair.Key, pair.Value.Started, pair.Value.Completed, pair.Value.Failed))], capped);
    }

    private static IReadOnlyList<NamedCount> Ranked(IEnumerable<string> names) =>
        [.. names.GroupBy(name => name, StringComparer.Ordinal).Select(group => new NamedCount(group.Key, group.Count()))
            .OrderByDescending(count => count.Count).ThenBy(count => count.Name, StringComparer.Ordinal).Take(TopDeviceCount)];

    private static DateTimeOffset Minute(DateTimeOffset at) => new(at.UtcTicks - (at.UtcTicks % TimeSpan.TicksPerMinute), TimeSpan.Zero);
}
