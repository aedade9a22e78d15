namespace Portable.Core.Messaging;

/// <summary>A message handed to a consumer; it stays invisible to others until deleted, released or its visibility lapses.</summary>
/// <param name="MessageId">The queue's id of the message.</param>
/// <param name="Body">The payload.</param>
/// <param name="ReceiptHandle">Proves this receipt when deleting, releasing or extending it.</param>
/// <param name="ReceiveCount">How many times it has been received, this time included.</param>
/// <param name="DeduplicationId">The sender's id, when it gave one (on FIFO queues, the one the queue used).</param>
/// <param name="GroupId">The message group on FIFO queues; consumers handle one group's messages one after another.</param>
/// <param name="TraceParent">The sender's W3C <c>traceparent</c>, when it sent one: the consumer's span continues that trace (<see cref="QueueTracing"/>).</param>
public sealed record ReceivedMessage(
    string MessageId, string Body, string ReceiptHandle, int ReceiveCount, string? DeduplicationId = null, string? GroupId = null, string? TraceParent = null);
