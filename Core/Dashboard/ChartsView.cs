using Portable.Core.ErrorLogs;

namespace Portable.Core.Dashboard;

/// <summary>
/// What the dashboard's charts draw, for the window from <see cref="From"/> to <see cref="To"/>. Workflow counts are of
/// the instances created in the window (at most <see cref="OperationsCharts.MaxInstances"/>; <see cref="WorkflowsCapped"/>
/// says when there were more); error logs are counted by their reported time.
/// </summary>
public sealed record ChartsView(
    DateTimeOffset From,
    DateTimeOffset To,
    IReadOnlyList<WorkflowMinute> Workflows,
    bool WorkflowsCapped,
    IReadOnlyList<NamedCount> QcFailuresByInstrument,
    IReadOnlyList<NamedCount> QcFailuresByCheck,
    int UndeliveredNotifications,
    IReadOnlyList<MinuteCount> ErrorLogsPerMinute,
    IReadOnlyList<DeviceCount> TopDevices);
