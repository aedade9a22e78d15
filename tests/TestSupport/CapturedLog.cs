using Microsoft.Extensions.Logging;

namespace Portable.Tests.Support;

/// <summary>One log entry as the code under test wrote it: its category, level, formatted message, structured values and exception.</summary>
public sealed record CapturedLog(
    string Category, LogLevel Level, string Message, IReadOnlyDictionary<string, object?> Values, Exception? Exception)
{
    /// <summary>The entry as an operator would read it: level, message and the whole exception (type, message, stack).</summary>
    public string Line => Exception is null ? $"{Level}: {Message}" : $"{Level}: {Message} {Exception}";
}
