using Microsoft.Extensions.Logging;

namespace Portable.Tests.Support;

/// <summary>
/// An <see cref="ILogger{T}"/> to hand to the class under test, keeping every entry (safely from any thread) so that a
/// test can assert what was logged: <see cref="Entries"/> with their structured values, or <see cref="Lines"/> as text.
/// </summary>
public sealed class CapturingLogger<T> : ILogger<T>
{
    private readonly CapturedLogs _logs = new();
    private readonly ILogger _logger;

    public CapturingLogger() => _logger = _logs.CreateLogger(typeof(T).FullName ?? typeof(T).Name);

    public IReadOnlyList<CapturedLog> Entries => _logs.Entries;

    /// <summary>Every entry as text with its level and its exception, so that a test can search both.</summary>
    public IReadOnlyList<string> Lines => _logs.Lines;

    public IDisposable? BeginScope<TState>(TState state)
        where TState : notnull => _logger.BeginScope(state);

    public bool IsEnabled(LogLevel logLevel) => _logger.IsEnabled(logLevel);

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
        _logger.Log(logLevel, eventId, state, exception, formatter);
}
