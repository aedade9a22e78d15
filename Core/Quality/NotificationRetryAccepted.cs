using System.Text.Json.Serialization;
using Portable.Core.Workflows;

namespace Portable.Core.Quality;

/// <summary>The 202 answer to a notification retry: the workflow that delivers it, and its links.</summary>
public sealed record NotificationRetryAccepted(
    string SampleId,
    string InstanceId,
    [property: JsonPropertyName("links")] WorkflowLinks Links);
