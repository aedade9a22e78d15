using Portable.Core.Quality;

namespace Portable.Functions.Tests.Engine;

/// <summary>One call the webhook received: its idempotency key, the notification, and whether it was accepted.</summary>
internal sealed record WebhookCall(string IdempotencyKey, FailureNotification Notification, bool Accepted);
