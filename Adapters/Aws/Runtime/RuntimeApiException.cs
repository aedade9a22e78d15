namespace Portable.Adapters.Aws.Runtime;

/// <summary>The Runtime API answered in a way the runtime cannot go on from; the process exits and Lambda starts a new one.</summary>
public sealed class RuntimeApiException : Exception
{
    public RuntimeApiException()
    {
    }

    public RuntimeApiException(string message)
        : base(message)
    {
    }

    public RuntimeApiException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
