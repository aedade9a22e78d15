namespace Portable.Core.Validation;

/// <summary>An unknown id or path (404).</summary>
public sealed class NotFoundException(string message) : Exception(message);
