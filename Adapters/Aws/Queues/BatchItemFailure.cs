namespace Portable.Adapters.Aws.Queues;

/// <summary>A message of the batch that was not processed: its <c>messageId</c>.</summary>
public sealed record BatchItemFailure(string ItemIdentifier);
