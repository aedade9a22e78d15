namespace Portable.Core.Validation;

/// <summary>A request that is well formed but not allowed in the resource's current state (409).</summary>
public sealed class ConflictException(string message) : Exception(message);
