namespace Portable.Core.Quality;

/// <summary>The notification channel refused or did not answer; the workflow retries it.</summary>
public sealed class NotificationFailedException(string message, Exception? inner = null) : Exception(message, inner);
