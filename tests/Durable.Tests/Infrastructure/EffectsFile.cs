using System.Text.RegularExpressions;

namespace Portable.Durable.Tests.Infrastructure;

/// <summary>The files in which <c>CrashWorkflows</c> activities record their side effects, one idempotency key a line.</summary>
internal static partial class EffectsFile
{
    public static string NewPath()
    {
        var folder = Path.Combine(Path.GetTempPath(), "portable-durable-tests");
        Directory.CreateDirectory(folder);
        return Path.Combine(folder, $"{Guid.NewGuid():N}.effects");
    }

    /// <summary>
    /// The keys recorded, in order, matched by pattern rather than by line: a killed process may have torn a line,
    /// gluing it to the next one. None when the file was never written.
    /// </summary>
    public static async Task<IReadOnlyList<string>> ReadKeysAsync(string path, CancellationToken cancellationToken) =>
        File.Exists(path)
            ? [.. Key().Matches(await File.ReadAllTextAsync(path, cancellationToken)).Select(match => match.Value)]
            : [];

    [GeneratedRegex("[0-9a-f]{32}:[0-9]+")]
    private static partial Regex Key();
}
