namespace Portable.Core.Dashboard;

public sealed record NamedCount(string Name, int Count);
