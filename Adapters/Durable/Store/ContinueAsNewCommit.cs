using Portable.Adapters.Durable.History;

namespace Portable.Adapters.Durable.Store;

/// <summary>
/// Ends the current execution and begins <see cref="NewExecutionId"/>: the store deletes the old
/// history, sets the new execution id and input, and queues <see cref="Start"/> as its start message.
/// </summary>
public sealed record ContinueAsNewCommit(string NewExecutionId, ExecutionStarted Start);
