namespace Portable.Core.Validation;

/// <summary>A dependency outside the system failed (502) or did not answer in time (504).</summary>
public sealed class UpstreamException(string message, bool timedOut, Exception? inner = null)
    : Exception(message, inner)
{
    public bool TimedOut { get; } = timedOut;
}
