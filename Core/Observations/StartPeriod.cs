using System.Globalization;
using System.Text.RegularExpressions;
using Portable.Core.Validation;

namespace Portable.Core.Observations;

/// <summary>
/// The SDMX startPeriod forms the API accepts: 2020, 2020-S1, 2020-Q1, 2020-01, 2020-W05, 2020-01-31.
/// The normalized form is also the cache key, so equivalent spellings share one entry.
/// </summary>
internal static partial class StartPeriod
{
    public const string Field = "startPeriod";

    /// <summary>Returns the upper-cased, trimmed period, or null when none was given.</summary>
    /// <exception cref="ValidationException">The value is not one of the accepted forms, or names no real period.</exception>
    public static string? Normalize(string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }

        var period = value.Trim().ToUpperInvariant();
        var match = Shape().Match(period);
        if (!match.Success || !Exists(match, period))
        {
            throw new ValidationException(Field, "must be a period such as 2020, 2020-S1, 2020-Q1, 2020-01, 2020-W05 or 2020-01-31.");
        }

        return period;
    }

    // [0-9] rather than \d, which also matches other scripts' digits.
    [GeneratedRegex(
        @"^(?<year>[0-9]{4})(?:-(?:S[12]|Q[1-4]|W(?<week>[0-9]{2})|(?<month>[0-9]{2})(?<day>-[0-9]{2})?))?\z",
        RegexOptions.CultureInvariant)]
    private static partial Regex Shape();

    private static bool Exists(Match match, string period)
    {
        var year = int.Parse(match.Groups["year"].ValueSpan, CultureInfo.InvariantCulture);
        if (year < 1)
        {
            return false;
        }

        if (match.Groups["week"] is { Success: true } week)
        {
            var number = int.Parse(week.ValueSpan, CultureInfo.InvariantCulture);
            return number >= 1 && number <= ISOWeek.GetWeeksInYear(year);
        }

        if (match.Groups["day"].Success)
        {
            return DateOnly.TryParseExact(period, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out _);
        }

        return match.Groups["month"] is not { Success: true } month
            || int.Parse(month.ValueSpan, CultureInfo.InvariantCulture) is >= 1 and <= 12;
    }
}
