using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace Portable.Adapters.Aws.Logging;

/// <summary>
/// Writes one JSON object per log line to a stream (stdout on Lambda, where CloudWatch Logs takes each
/// line as one event and Logs Insights reads its fields). Scope values, such as the request and trace
/// ids of the invocation or the message id of a queue record, become fields of every line inside them.
/// </summary>
public sealed class JsonLineLoggerProvider(Stream output, LogLevel minimumLevel, TimeProvider time) : ILoggerProvider, ISupportExternalScope
{
    private readonly ConcurrentDictionary<string, JsonLineLogger> _loggers = new(StringComparer.Ordinal);
    private readonly Lock _writeLock = new();
    private IExternalScopeProvider _scopes = new LoggerExternalScopeProvider();

    public LogLevel MinimumLevel => minimumLevel;

    internal TimeProvider Time => time;

    /// <summary>The scopes whose values every line carries.</summary>
    internal IExternalScopeProvider Scopes => _scopes;

    public ILogger CreateLogger(string categoryName) => _loggers.GetOrAdd(categoryName, name => new JsonLineLogger(name, this));

    public void SetScopeProvider(IExternalScopeProvider scopeProvider) => _scopes = scopeProvider;

    /// <summary>Lines are written whole, one at a time, so concurrent invocations never interleave them.</summary>
    internal void Write(ReadOnlySpan<byte> line)
    {
        lock (_writeLock)
        {
            output.Write(line);
            output.Flush();
        }
    }

    public void Dispose()
    {
        lock (_writeLock)
        {
            output.Flush();
        }
    }
}
