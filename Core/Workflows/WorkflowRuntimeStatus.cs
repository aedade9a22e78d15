namespace Portable.Core.Workflows;

/// <summary>Where an instance is in its life. Stores persist the numeric values: never renumber.</summary>
public enum WorkflowRuntimeStatus
{
    Pending = 0,
    Running = 1,
    Completed = 2,
    Failed = 3,
    Terminated = 4,
    Suspended = 5,
    ContinuedAsNew = 6,
}
