namespace Portable.Adapters.Durable.Replay;

/// <summary>An external event that arrived before anyone waited for it.</summary>
internal sealed record BufferedEvent(string Name, string? Input);
