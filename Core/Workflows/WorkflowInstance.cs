namespace Portable.Core.Workflows;

/// <summary>
/// An instance as management APIs show it. Inputs and outputs are filled only when asked for, and
/// history only when asked for (the current execution's events, oldest first).
/// </summary>
public sealed record WorkflowInstance(
    string InstanceId,
    string Name,
    WorkflowRuntimeStatus RuntimeStatus,
    DateTimeOffset CreatedAt,
    DateTimeOffset LastUpdatedAt,
    string? SerializedInput = null,
    string? SerializedOutput = null,
    string? SerializedCustomStatus = null,
    TaskFailureDetails? FailureDetails = null,
    IReadOnlyList<WorkflowHistoryEvent>? History = null)
{
    public bool IsCompleted => RuntimeStatus.IsTerminal();

    public T? ReadOutputAs<T>(IDataConverter converter)
    {
        ArgumentNullException.ThrowIfNull(converter);
        return converter.Deserialize<T>(SerializedOutput);
    }

    public T? ReadCustomStatusAs<T>(IDataConverter converter)
    {
        ArgumentNullException.ThrowIfNull(converter);
        return converter.Deserialize<T>(SerializedCustomStatus);
    }
}
