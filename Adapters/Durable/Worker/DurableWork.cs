namespace Portable.Adapters.Durable.Worker;

/// <summary>What kind of work a wake-up announces.</summary>
public enum DurableWork
{
    /// <summary>An instance has a new inbox message (start, event, result, timer): an orchestration step.</summary>
    Orchestration,

    /// <summary>An instance scheduled activities.</summary>
    Activity,
}
