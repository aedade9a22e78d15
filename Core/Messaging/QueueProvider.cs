namespace Portable.Core.Messaging;

/// <summary><c>Queues:Provider</c>.</summary>
public enum QueueProvider
{
    /// <summary>Durable queues in the embedded SQLite file.</summary>
    InProcess,

    /// <summary>Amazon SQS (or its emulator at <c>Sqs:ServiceUrl</c>).</summary>
    Sqs,
}
