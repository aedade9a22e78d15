namespace Portable.Core.Workflows;

/// <summary>
/// A workflow by name with its input and output types, declared once beside the workflow, so that registering it,
/// starting it (<see cref="WorkflowClientExtensions.ScheduleNewAsync{TInput, TOutput}"/>) and calling it as a
/// sub-orchestration are checked by the compiler.
/// </summary>
public sealed record WorkflowReference<TInput, TOutput>(string Name);
