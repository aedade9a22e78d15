namespace Portable.Core.Http;

/// <summary>A documented query parameter; <paramref name="Type"/> is a JSON Schema type (string, integer, boolean).</summary>
public sealed record ApiParameterDoc(string Name, string Description, string Type = "string", bool Required = false);
