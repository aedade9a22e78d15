using Portable.Adapters.Aws.Runtime;

namespace Portable.Adapters.Aws.Hosting;

/// <summary>The <c>_HANDLER</c> setting names none of <see cref="HandlerNames.All"/>.</summary>
public sealed class UnknownHandlerException : Exception
{
    public UnknownHandlerException()
    {
    }

    public UnknownHandlerException(string? handler)
        : base($"_HANDLER is '{handler}'; it must be one of: {string.Join(", ", HandlerNames.All)}.")
    {
    }

    public UnknownHandlerException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
