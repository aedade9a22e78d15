using Microsoft.Extensions.Logging;

namespace Portable.Tests.Support;

/// <summary>
/// A logger provider that keeps every entry of every category, safely from any thread, for assertions; a test waits
/// for an entry that is logged after the state it tells of is visible with <see cref="WaitForAsync"/>.
/// </summary>
public sealed class CapturedLogs : ILoggerProvider
{
    private readonly Lock _gate = new();
    private readonly List<CapturedLog> _entries = [];
    private TaskCompletionSource _appended = NewSignal();

    /// <summary>The entries so far, in the order they were logged.</summary>
    public IReadOnlyList<CapturedLog> Entries
    {
        get
        {
            lock (_gate)
            {
                return [.. _entries];
            }
        }
    }

    /// <summary>The entries so far as formatted text (<see cref="CapturedLog.Line"/>).</summary>
    public IReadOnlyList<string> Lines => [.. Entries.Select(entry => entry.Line)];

    public ILogger CreateLogger(string categoryName) => new CapturingCategoryLogger(this, categoryName);

    /// <summary>
    /// The first entry that matches, once it is logged: code often logs what it did just after the effect a test can
    /// observe, so the entry may come a moment later. Wakes on each new entry; never polls.
    /// </summary>
    public async Task<CapturedLog> WaitForAsync(Func<CapturedLog, bool> match, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(match);
        var seen = 0;
        while (true)
        {
            CapturedLog[] fresh;
            Task appended;
            lock (_gate)
            {
                fresh = [.. _entries.Skip(seen)];
                appended = _appended.Task;
            }

            seen += fresh.Length;
            if (fresh.FirstOrDefault(match) is { } entry)
            {
                return entry;
            }

            await appended.WaitAsync(cancellationToken);
        }
    }

    public void Dispose()
    {
    }

    internal void Add(CapturedLog entry)
    {
        TaskCompletionSource appended;
        lock (_gate)
        {
            _entries.Add(entry);
            appended = _appended;
            _appended = NewSignal();
        }

        appended.SetResult();
    }

    private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);
}
