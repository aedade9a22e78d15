namespace Portable.Core.Quality;

/// <summary><c>Quality:Notifier:Delivery</c>.</summary>
public enum NotificationDelivery
{
    /// <summary>The workflow's activity calls the webhook itself, with durable retries.</summary>
    Direct,

    /// <summary>
    /// The workflow hands the notification to the <c>qc-notifications</c> queue and goes on; the queue's consumer delivers
    /// it with the queue's retries (seed 003's decoupled notifier).
    /// </summary>
    Queue,
}
