using System.Collections.Concurrent;
using System.Diagnostics.Metrics;

namespace Portable.Bench.Durable;

/// <summary>
/// Listens to the worker's <c>portable.durable.claims</c> counter: the claims of this process's loops by work, what made
/// them look (start, signal, more, due, poll) and whether they found anything, to tell where empty claims come from.
/// </summary>
internal sealed class ClaimCauses : IDisposable
{
    private readonly MeterListener _listener = new();
    private readonly ConcurrentDictionary<string, long> _empty = new(StringComparer.Ordinal);
    private readonly SemaphoreSlim _started = new(0);

    public ClaimCauses()
    {
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Name == "portable.durable.claims")
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<long>((_, _, tags, _) => Record(tags));
        _listener.Start();
    }

    /// <summary>Forgets the start-up claims seen so far, before a host starts.</summary>
    public void ForgetStarts()
    {
        while (_started.Wait(0))
        {
        }
    }

    /// <summary>Waits until the new host's loops have made their start-up claims: its first look, before any workload.</summary>
    public async Task WaitForStartsAsync(int loops)
    {
        for (var i = 0; i < loops; i++)
        {
            if (!await _started.WaitAsync(TimeSpan.FromMinutes(1)))
            {
                throw new TimeoutException("The worker's loops made no start-up claim within a minute.");
            }
        }
    }

    /// <summary>Empty claims so far, by work and cause.</summary>
    public IReadOnlyDictionary<string, long> Empty() => new Dictionary<string, long>(_empty, StringComparer.Ordinal);

    /// <summary>The empty claims made since <paramref name="before"/>, as "work/cause n" pairs.</summary>
    public string EmptySince(IReadOnlyDictionary<string, long> before)
    {
        var since = _empty
            .Select(pair => (pair.Key, Count: pair.Value - before.GetValueOrDefault(pair.Key)))
            .Where(pair => pair.Count > 0)
            .OrderByDescending(pair => pair.Count)
            .Select(pair => $"{pair.Key} {pair.Count}");
        return string.Join(", ", since) is { Length: > 0 } text ? text : "none";
    }

    private void Record(ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        string? work = null, cause = null;
        var found = false;
        foreach (var tag in tags)
        {
            switch (tag.Key)
            {
                case "work":
                    work = tag.Value as string;
                    break;
                case "cause":
                    cause = tag.Value as string;
                    break;
                case "found":
                    found = tag.Value is true;
                    break;
            }
        }

        if (!found)
        {
            _empty.AddOrUpdate($"{work}/{cause}", 1, (_, count) => count + 1);
        }

        // After the count, so that a start-up claim is counted before the bench takes its snapshot.
        if (cause == "start")
        {
            _started.Release();
        }
    }

    public void Dispose()
    {
        _listener.Dispose();
        _started.Dispose();
    }
}
