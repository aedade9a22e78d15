using System.Globalization;

namespace Portable.Core.ErrorLogs;

/// <summary>The ids of an append as an idempotency key keeps them: comma-separated, in input order.</summary>
public static class ErrorLogIds
{
    public static string Format(IReadOnlyList<long> ids) => string.Join(',', ids.Select(id => id.ToString(CultureInfo.InvariantCulture)));

    public static IReadOnlyList<long> Parse(string stored) =>
        stored.Length == 0 ? [] : stored.Split(',').Select(id => long.Parse(id, NumberStyles.None, CultureInfo.InvariantCulture)).ToArray();
}
