using Portable.Core.ErrorLogs;

namespace Portable.Core.Tests.ErrorLogs;

/// <summary>
/// An in-memory store that numbers rows 1, 2, 3...; it records each append it is given, counts their arrivals,
/// can hold appends at a gate until released, and can refuse an append as a whole.
/// </summary>
internal sealed class FakeErrorLogStore : IErrorLogStore
{
    private readonly Lock _lock = new();
    private readonly List<IReadOnlyList<ErrorLog>> _appends = [];
    private readonly Dictionary<long, ErrorLog> _rows = [];
    private readonly SemaphoreSlim _arrivals = new(0);
    private TaskCompletionSource _gate = Completed();
    private long _nextId = 1;

    /// <summary>Completed when an append arrives while the gate is closed.</summary>
    public TaskCompletionSource Entered { get; private set; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Returns the exception that refuses an append, or null to accept it.</summary>
    public Func<IReadOnlyList<ErrorLog>, Exception?> Refuse { get; set; } = _ => null;

    public IReadOnlyList<IReadOnlyList<ErrorLog>> Appends
    {
        get
        {
            lock (_lock)
            {
                return [.. _appends];
            }
        }
    }

    public IReadOnlyDictionary<long, ErrorLog> Rows
    {
        get
        {
            lock (_lock)
            {
                return new Dictionary<long, ErrorLog>(_rows);
            }
        }
    }

    public void CloseGate()
    {
        _gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        Entered = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
    }

    public void OpenGate() => _gate.TrySetResult();

    /// <summary>Completes when one more append has reached the store than this has already waited for.</summary>
    public Task NextArrivalAsync() => _arrivals.WaitAsync();

    public async Task<IReadOnlyList<long>> AppendAsync(IReadOnlyList<ErrorLog> logs, CancellationToken cancellationToken)
    {
        Entered.TrySetResult();
        _arrivals.Release();
        await _gate.Task.WaitAsync(cancellationToken);
        lock (_lock)
        {
            _appends.Add([.. logs]);
            if (Refuse(logs) is { } exception)
            {
                throw exception;
            }

            var ids = new long[logs.Count];
            for (var i = 0; i < ids.Length; i++)
            {
                ids[i] = _nextId++;
                _rows[ids[i]] = logs[i];
            }

            return ids;
        }
    }

    public Task<IReadOnlyList<StoredErrorLog>> RecentAsync(string? deviceId, int limit, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<StoredErrorLog>>([]);

    private static TaskCompletionSource Completed()
    {
        var source = new TaskCompletionSource();
        source.SetResult();
        return source;
    }
}
