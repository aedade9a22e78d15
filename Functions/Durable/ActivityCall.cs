using System.Text.Json;

namespace Portable.Functions.Durable;

/// <summary>
/// What an orchestration sends to an activity function: the activity's input as Core serialized it, with the
/// task id and attempt that Core's <see cref="Core.Workflows.ActivityContext"/> needs. Durable Functions hands
/// an activity neither, and it retries under a new task, so the orchestration adapter numbers both.
/// </summary>
public sealed record ActivityCall(int TaskId, int Attempt, JsonElement? Input);
