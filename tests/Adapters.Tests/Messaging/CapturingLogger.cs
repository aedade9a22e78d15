using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace Portable.Adapters.Tests.Messaging;

/// <summary>Keeps every log line with its structured values, so that tests can assert what was logged about which message.</summary>
public sealed class CapturingLogger<T> : ILogger<T>
{
    private readonly ConcurrentQueue<CapturedLog> _entries = new();

    public IReadOnlyList<CapturedLog> Entries => [.. _entries];

    public IDisposable? BeginScope<TState>(TState state)
        where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => true;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        var values = state as IEnumerable<KeyValuePair<string, object?>> ?? [];
        _entries.Enqueue(new CapturedLog(logLevel, formatter(state, exception), values.ToDictionary(pair => pair.Key, pair => pair.Value), exception));
    }
}
