namespace Portable.Core.Quality;

/// <summary>Small helpers the rules share to scan readings and word their messages.</summary>
internal static class Readings
{
    public static bool IsFinite(double? reading) => reading is { } value && double.IsFinite(value);

    /// <summary>The first index whose value matches and how many match; rules report one finding per fault, not per point.</summary>
    public static (int First, int Count) Find<T>(IReadOnlyList<T> values, Func<T, bool> matches)
    {
        var first = -1;
        var count = 0;
        for (var i = 0; i < values.Count; i++)
        {
            if (matches(values[i]))
            {
                count++;
                if (first < 0)
                {
                    first = i;
                }
            }
        }

        return (first, count);
    }

    public static string Points(int count) => count == 1 ? "1 point" : FormattableString.Invariant($"{count} points");
}
