namespace Portable.Core.Quality;

/// <summary>The notifier port: tells lab staff about a failed sample, or throws.</summary>
public interface IQualityNotifier
{
    /// <summary>
    /// <see cref="NotificationStatus.Delivered"/> when lab staff have it, or <see cref="NotificationStatus.Pending"/> when it
    /// was handed to the notifications queue, whose consumer delivers it and records the outcome.
    /// </summary>
    Task<NotificationStatus> NotifyAsync(FailureNotification notification, CancellationToken cancellationToken);
}
