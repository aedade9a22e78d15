using System.Text.Json.Serialization;

namespace Portable.Adapters.Aws.Runtime;

/// <summary>The error document of the Runtime API's invocation-error and init-error calls.</summary>
public sealed record RuntimeError(
    [property: JsonPropertyName("errorMessage")] string ErrorMessage,
    [property: JsonPropertyName("errorType")] string ErrorType,
    [property: JsonPropertyName("stackTrace")] IReadOnlyList<string> StackTrace)
{
    /// <summary>Describes <paramref name="exception"/>, inner exceptions included in the message.</summary>
    public static RuntimeError From(Exception exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        var message = exception.Message;
        for (var inner = exception.InnerException; inner is not null; inner = inner.InnerException)
        {
            message += " ---> " + inner.GetType().Name + ": " + inner.Message;
        }

        var trace = (exception.StackTrace ?? "").Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        return new RuntimeError(message, exception.GetType().FullName ?? exception.GetType().Name, trace);
    }
}
