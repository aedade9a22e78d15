using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace Portable.Durable.Tests.Infrastructure;

/// <summary>Keeps every log line with its structured properties, for assertions.</summary>
internal sealed class CapturedLogs : ILoggerProvider
{
    private readonly ConcurrentQueue<LogLine> _lines = new();

    public IReadOnlyCollection<LogLine> Lines => _lines;

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    /// <summary>
    /// The first line that matches, once it is logged: the worker logs what a step did after the step commits, so a
    /// client can see the outcome a moment before the line is there.
    /// </summary>
    public async Task<LogLine> WaitForAsync(Func<LogLine, bool> match, CancellationToken cancellationToken)
    {
        while (true)
        {
            if (_lines.FirstOrDefault(match) is { } line)
            {
                return line;
            }

            await Task.Delay(TimeSpan.FromMilliseconds(10), cancellationToken);
        }
    }

    public void Dispose()
    {
    }

    internal sealed record LogLine(string Category, LogLevel Level, string Message, IReadOnlyDictionary<string, object?> Properties);

    private sealed class Logger(CapturedLogs sink, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(
            LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            var properties = state is IEnumerable<KeyValuePair<string, object?>> pairs
                ? pairs.ToDictionary(p => p.Key, p => p.Value)
                : [];
            sink._lines.Enqueue(new LogLine(category, logLevel, formatter(state, exception), properties));
        }
    }
}
