namespace Portable.Adapters.Durable.Replay;

internal sealed record ContinueAsNewRequest(string? Input, bool PreserveUnprocessedEvents);
