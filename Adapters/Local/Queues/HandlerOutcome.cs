namespace Portable.Adapters.Local.Queues;

/// <summary>What became of one message in a <see cref="QueuePump"/>, deciding whether it is deleted or released.</summary>
internal enum HandlerOutcome
{
    Succeeded,
    Failed,

    /// <summary>Not run, or stopped by shutdown: given back at once, and not counted as a failure.</summary>
    Unprocessed,
}
