using Microsoft.Extensions.Logging;

namespace Portable.Tests.Support;

/// <summary>The logger of one category that <see cref="CapturedLogs"/> hands out: every level, no scopes.</summary>
internal sealed class CapturingCategoryLogger(CapturedLogs sink, string category) : ILogger
{
    public IDisposable? BeginScope<TState>(TState state)
        where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => true;

    public void Log<TState>(
        LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        ArgumentNullException.ThrowIfNull(formatter);
        sink.Add(new CapturedLog(category, logLevel, formatter(state, exception), ValuesOf(state), exception));
    }

    /// <summary>The structured values of a message; a template that names a value twice keeps the last.</summary>
    private static Dictionary<string, object?> ValuesOf<TState>(TState state)
    {
        var values = new Dictionary<string, object?>();
        if (state is IEnumerable<KeyValuePair<string, object?>> pairs)
        {
            foreach (var (key, value) in pairs)
            {
                values[key] = value;
            }
        }

        return values;
    }
}
