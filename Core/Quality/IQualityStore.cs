namespace Portable.Core.Quality;

/// <summary>The store of checked samples.</summary>
public interface IQualityStore
{
    /// <summary>Writes the verdict of a sample; writing the same sample again replaces its verdict.</summary>
    Task SaveVerdictAsync(QualityRecord record, CancellationToken cancellationToken);

    /// <summary>
    /// Records where the notification stands; attempts only grow. A <see cref="NotificationStatus.Pending"/> write leaves a
    /// <see cref="NotificationStatus.Delivered"/> notification as it was recorded, decided in the write itself, so a retried
    /// attempt racing or following the queue consumer's delivery cannot undo it. A sample without a verdict throws.
    /// </summary>
    Task SetNotificationAsync(string sampleId, NotificationStatus status, int attempts, string? error, DateTimeOffset at, CancellationToken cancellationToken);

    Task<QualityRecord?> GetAsync(string sampleId, CancellationToken cancellationToken);

    /// <summary>A page of failed samples, newest check first (then by sample id, descending), read along an index.</summary>
    Task<IReadOnlyList<QualityRecord>> ListFailuresAsync(FailureQuery query, CancellationToken cancellationToken);
}
