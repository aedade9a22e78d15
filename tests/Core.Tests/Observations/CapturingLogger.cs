using Microsoft.Extensions.Logging;

namespace Portable.Core.Tests.Observations;

/// <summary>Keeps every formatted log line, with its exception's messages, so tests can search them.</summary>
internal sealed class CapturingLogger<T>(List<string> lines) : ILogger<T>
{
    public IDisposable? BeginScope<TState>(TState state)
        where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => true;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        lock (lines)
        {
            lines.Add($"{logLevel}: {formatter(state, exception)} {exception}");
        }
    }
}
