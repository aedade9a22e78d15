namespace Portable.Core.Dashboard;

/// <summary>Workflow instances started, completed and failed in the minute that starts at <paramref name="Minute"/>.</summary>
public sealed record WorkflowMinute(DateTimeOffset Minute, int Started, int Completed, int Failed);
