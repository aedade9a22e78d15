using System.Text.Json.Serialization;

namespace Portable.Core.Quality;

/// <summary>Where the lab-staff notification of a sample stands.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<NotificationStatus>))]
public enum NotificationStatus
{
    /// <summary>The sample passed; nobody needs to know.</summary>
    NotRequired,

    /// <summary>The sample failed and the notification is being sent (with retries).</summary>
    Pending,

    Delivered,

    /// <summary>Every attempt failed; the failure is recorded here and logged as an error, never dropped.</summary>
    Undelivered,
}
