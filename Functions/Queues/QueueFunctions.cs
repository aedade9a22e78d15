using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Portable.Core.Messaging;
using Portable.Core.Telemetry;
using Portable.Functions.Durable;

namespace Portable.Functions.Queues;

/// <summary>
/// A queue trigger for every queue of Core's <see cref="QueueConsumers"/> list, each handing its message to the consumer
/// Core registered for that queue. A message whose consumer throws is retried by the Functions host and, after host.json's
/// <c>maxDequeueCount</c>, moved unchanged to the queue's <c>-poison</c> queue; each failure is logged with the message id.
/// </summary>
public sealed partial class QueueFunctions(
    [FromKeyedServices(QueueNames.OrderDispatch)] IQueueConsumer orderDispatch,
    [FromKeyedServices(QueueNames.QualitySamples)] IQueueConsumer qualitySamples,
    [FromKeyedServices(QueueNames.QualityNotifications)] IQueueConsumer qualityNotifications,
    [FromKeyedServices(QueueNames.ErrorLogs)] IQueueConsumer errorLogs,
    ILogger<QueueFunctions> logger)
{
    public const string OrderDispatchName = "OrderDispatchQueue";
    public const string QualitySamplesName = "QualitySampleQueue";
    public const string QualityNotificationsName = "QualityNotificationQueue";
    public const string ErrorLogsName = "ErrorLogQueue";

    private static readonly Func<ILogger, string, string, IDisposable?> MessageScope =
        LoggerMessage.DefineScope<string, string>("Queue {Queue} message {MessageId}");

    [Function(OrderDispatchName)]
    public Task OrderDispatchAsync([QueueTrigger(QueueNames.OrderDispatch)] string message, [DurableClient] DurableTaskClient client, FunctionContext context) =>
        ConsumeAsync(QueueNames.OrderDispatch, orderDispatch, message, client, context);

    [Function(QualitySamplesName)]
    public Task QualitySamplesAsync([QueueTrigger(QueueNames.QualitySamples)] string message, [DurableClient] DurableTaskClient client, FunctionContext context) =>
        ConsumeAsync(QueueNames.QualitySamples, qualitySamples, message, client, context);

    [Function(QualityNotificationsName)]
    public Task QualityNotificationsAsync([QueueTrigger(QueueNames.QualityNotifications)] string message, [DurableClient] DurableTaskClient client, FunctionContext context) =>
        ConsumeAsync(QueueNames.QualityNotifications, qualityNotifications, message, client, context);

    [Function(ErrorLogsName)]
    public Task ErrorLogsAsync([QueueTrigger(QueueNames.ErrorLogs)] string message, [DurableClient] DurableTaskClient client, FunctionContext context) =>
        ConsumeAsync(QueueNames.ErrorLogs, errorLogs, message, client, context);

    private async Task ConsumeAsync(string queue, IQueueConsumer consumer, string? message, DurableTaskClient client, FunctionContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        using var durable = DurableClientScope.Enter(client);
        var received = ReceivedFrom(message, context);
        using var scope = MessageScope(logger, queue, received.MessageId);
        using var activity = QueueTracing.StartProcess(queue, received);
        try
        {
            await consumer.HandleAsync(received, context.CancellationToken);
        }
        catch (Exception exception) when (exception is not OperationCanceledException || !context.CancellationToken.IsCancellationRequested)
        {
            PortableTelemetry.Fail(activity, exception);
            LogFailed(logger, received.MessageId, queue, received.ReceiveCount, exception);
            throw;
        }
    }

    /// <summary>
    /// The trigger's message as Core's consumers take it: the body, de-duplication id and trace context from the app's envelope
    /// (<see cref="StorageEnvelope"/>), the queue's id and dequeue count from the binding data.
    /// </summary>
    internal static ReceivedMessage ReceivedFrom(string? message, FunctionContext context)
    {
        var data = context.BindingContext.BindingData;
        var envelope = StorageEnvelope.Read(message ?? "");
        var messageId = envelope.OriginalMessageId
            ?? (data.TryGetValue("Id", out var id) && id?.ToString() is { Length: > 0 } text ? text : context.InvocationId);
        var receiveCount = data.TryGetValue("DequeueCount", out var count) && int.TryParse(count?.ToString(), out var parsed) ? parsed : 1;
        return new ReceivedMessage(messageId, envelope.Body, "", receiveCount, envelope.DeduplicationId, envelope.GroupId, envelope.TraceParent);
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Message {MessageId} on {Queue} failed on dequeue {DequeueCount}; the host retries it, then moves it to the poison queue")]
    private static partial void LogFailed(ILogger logger, string messageId, string queue, int dequeueCount, Exception exception);
}
