namespace Portable.Core.Quality;

/// <summary>The notifier port: tells lab staff about a failed sample, or throws.</summary>
public interface IQualityNotifier
{
    Task NotifyAsync(FailureNotification notification, CancellationToken cancellationToken);
}
