namespace Portable.Adapters.MySql;

/// <summary>
/// Fails calls at once while the server is known to be unreachable, so that requests during an outage get their
/// 503 in microseconds instead of each waiting for a connect timeout. After the break one call goes through as a
/// probe; the first call that reaches the server closes the circuit again.
/// </summary>
internal sealed class MySqlCircuit(TimeSpan breakDuration, TimeProvider time)
{
    private readonly Lock _lock = new();
    private DateTimeOffset? _openUntil;
    private bool _probing;

    // Counts trips, so that a call which connected before the last trip cannot close the circuit that trip opened.
    private long _generation;

    /// <summary>Lets a call through, or returns how long until the caller should try again.</summary>
    /// <param name="probe">Whether this call is the single probe of a circuit whose break is over.</param>
    /// <param name="generation">To hand back to <see cref="Exit"/>.</param>
    public bool TryEnter(out bool probe, out long generation, out TimeSpan retryAfter)
    {
        probe = false;
        retryAfter = TimeSpan.Zero;
        lock (_lock)
        {
            generation = _generation;
            if (_openUntil is not { } until)
            {
                return true;
            }

            var now = time.GetUtcNow();
            if (now < until)
            {
                retryAfter = until - now;
                return false;
            }

            if (_probing)
            {
                retryAfter = breakDuration;
                return false;
            }

            _probing = true;
            probe = true;
            return true;
        }
    }

    /// <summary>Records that the server could not be reached; returns whether this opened a closed circuit.</summary>
    public bool Trip()
    {
        lock (_lock)
        {
            var wasClosed = _openUntil is null;
            _generation++;
            _openUntil = time.GetUtcNow() + breakDuration;
            _probing = false;
            return wasClosed;
        }
    }

    /// <summary>Ends a call; returns whether it closed an open circuit.</summary>
    /// <param name="probe">The value <see cref="TryEnter"/> gave this call.</param>
    /// <param name="generation">The value <see cref="TryEnter"/> gave this call.</param>
    /// <param name="reachedServer">Whether the call got a connection (whatever became of its command).</param>
    public bool Exit(bool probe, long generation, bool reachedServer)
    {
        lock (_lock)
        {
            if (reachedServer && generation == _generation && _openUntil is not null)
            {
                _openUntil = null;
                _probing = false;
                return true;
            }

            if (probe)
            {
                // A probe that was cancelled or tripped: the next call may probe.
                _probing = false;
            }

            return false;
        }
    }
}
