namespace Portable.Core.Workflows;

/// <summary>
/// An activity by name with its input and output types, declared once beside the activity, so that registering it
/// (<see cref="WorkflowRegistry.AddActivity{TActivity, TInput, TOutput}(ActivityReference{TInput, TOutput}, string?)"/>)
/// and calling it (<see cref="WorkflowContext.CallActivityAsync{TInput, TOutput}(ActivityReference{TInput, TOutput}, TInput, TaskOptions?)"/>)
/// are checked by the compiler, as durabletask-dotnet's generated call helpers are.
/// </summary>
public sealed record ActivityReference<TInput, TOutput>(string Name);
