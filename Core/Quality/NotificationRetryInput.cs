namespace Portable.Core.Quality;

/// <summary>The input of <see cref="QualityNotificationWorkflow"/>: the notification again, and the retry policy fixed at start.</summary>
public sealed record NotificationRetryInput(FailureNotification Notification, int MaxAttempts, TimeSpan FirstRetryInterval);
