namespace Portable.Core.Workflows;

public static class WorkflowRuntimeStatusExtensions
{
    /// <summary>A terminal instance never runs again unless it is started anew under the same id.</summary>
    public static bool IsTerminal(this WorkflowRuntimeStatus status) =>
        status is WorkflowRuntimeStatus.Completed or WorkflowRuntimeStatus.Failed or WorkflowRuntimeStatus.Terminated;
}
