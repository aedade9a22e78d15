namespace Portable.Adapters.Durable.Worker;

/// <summary>What one drain did.</summary>
/// <param name="Steps">Orchestration steps committed.</param>
/// <param name="Activities">Activities run to a result.</param>
/// <param name="Finished">True when it stopped because nothing was ready, false when the token fired first.</param>
public sealed record DrainResult(int Steps, int Activities, bool Finished);
