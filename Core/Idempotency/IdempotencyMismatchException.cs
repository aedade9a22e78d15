namespace Portable.Core.Idempotency;

/// <summary>An <c>Idempotency-Key</c> sent again with a request other than the one it was first used with (422).</summary>
public sealed class IdempotencyMismatchException(string message) : Exception(message);
