namespace Portable.Operator.Output;

/// <summary>
/// How far a long operation is, on standard error: on a terminal one line redrawn in place (a bar, the count), otherwise
/// a plain line at each tenth, so a log or a CI job reads it without control characters.
/// </summary>
public sealed class Progress(TextWriter writer, bool terminal, string verb, int total)
{
    private const int BarWidth = 30;
    private readonly object _gate = new();
    private int _done;
    private int _lastTenth;

    public void Advance()
    {
        lock (_gate)
        {
            _done++;
            if (terminal)
            {
                var filled = total == 0 ? BarWidth : _done * BarWidth / total;
                writer.Write($"\r[{new string('#', filled)}{new string('.', BarWidth - filled)}] {_done}/{total} {verb}");
                if (_done == total)
                {
                    writer.WriteLine();
                }
            }
            else if (total > 0 && (_done * 10 / total > _lastTenth || _done == total))
            {
                _lastTenth = _done * 10 / total;
                writer.WriteLine($"{verb} {_done}/{total}");
            }
        }
    }

    /// <summary>Ends a redrawn line early (a failure midway), so the error starts on a line of its own.</summary>
    public void Interrupt()
    {
        lock (_gate)
        {
            if (terminal && _done > 0 && _done < total)
            {
                writer.WriteLine();
            }
        }
    }
}
