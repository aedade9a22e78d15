using System.Text.Json.Serialization;
using Portable.Core.Workflows;

namespace Portable.Core.Quality;

/// <summary>The 202 answer for one submitted sample: its workflow and the links to follow it.</summary>
public sealed record SampleAccepted(
    string SampleId,
    string InstanceId,
    [property: JsonPropertyName("links")] WorkflowLinks Links,
    bool AlreadySubmitted);
