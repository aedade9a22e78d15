namespace Portable.Lambda.Bench;

/// <summary>One build of the bootstrap to measure: a name and the executable to start.</summary>
public sealed record Variant(string Name, string Executable);
