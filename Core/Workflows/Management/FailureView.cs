namespace Portable.Core.Workflows.Management;

/// <summary>Why an instance failed: the error type and its message.</summary>
public sealed record FailureView(string ErrorType, string ErrorMessage);
