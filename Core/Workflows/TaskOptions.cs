namespace Portable.Core.Workflows;

/// <summary>Options of one activity call.</summary>
public record TaskOptions(RetryPolicy? Retry = null);
