using System.Text.Json;
using Portable.Core.Workflows;

namespace Portable.Functions.Durable;

/// <summary>
/// What an activity function answers: the output as Core serialized it, or the failure as Core describes it.
/// A failure travels as data because the isolated worker does not reliably carry an activity exception's type
/// to the orchestrator, and Core's retry policies decide by that type (<see cref="TaskFailureDetails.IsCausedBy{T}"/>).
/// </summary>
public sealed record ActivityResult(JsonElement? Output, TaskFailureDetails? Failure)
{
    public static ActivityResult Completed(JsonElement? output) => new(output, null);

    public static ActivityResult Failed(TaskFailureDetails failure) => new(null, failure);
}
