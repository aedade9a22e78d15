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

    /// <summary>
    /// Lab staff have it. The one status nothing may follow: a delivered notification is never sent again (an operator's
    /// retry refuses it), so a Pending write arriving after it can only be a stale attempt's, and the stores ignore it.
    /// Undelivered is final for the sample's own attempts but not in this sense: an operator's retry reopens it as Pending.
    /// </summary>
    Delivered,

    /// <summary>Every attempt failed; the failure is recorded here and logged as an error, never dropped.</summary>
    Undelivered,
}
