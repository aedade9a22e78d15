using System.Globalization;
using System.Reflection;
using System.Security.Cryptography;
using System.Text;

namespace Portable.Adapters.MySql.Migrations;

/// <summary>
/// One versioned schema script, embedded in this assembly as <c>Migrations/NNNN_name.sql</c>, kept as its UTF-8 bytes:
/// every process checks the checksums at the database's first use, and only a migrating one needs the text.
/// </summary>
internal sealed record MySqlMigration(int Version, string Name, ReadOnlyMemory<byte> Utf8)
{
    private const string ResourcePrefix = "Migrations/";

    public string Script => Encoding.UTF8.GetString(Utf8.Span);

    /// <summary>
    /// Identifies the script as written (SHA-256 of its UTF-8 with every line ending as <c>\n</c>), so that editing an
    /// applied migration is caught instead of ignored. Bytes that are valid UTF-8 with no line ending but <c>\n</c> are
    /// hashed as they are: the same digest, without decoding the text.
    /// </summary>
    public string Checksum { get; } = Convert.ToHexStringLower(SHA256.HashData(
        HasOnlyUnixLineEndings(Utf8.Span) ? Utf8.Span : Encoding.UTF8.GetBytes(Encoding.UTF8.GetString(Utf8.Span).ReplaceLineEndings("\n"))));

    /// <summary>Every embedded migration, in version order.</summary>
    public static IReadOnlyList<MySqlMigration> All { get; } = Load();

    private static MySqlMigration[] Load()
    {
        var assembly = typeof(MySqlMigration).Assembly;
        var migrations = assembly.GetManifestResourceNames()
            .Where(name => name.StartsWith(ResourcePrefix, StringComparison.Ordinal) && name.EndsWith(".sql", StringComparison.Ordinal))
            .Select(name => Read(assembly, name))
            .OrderBy(migration => migration.Version)
            .ToArray();
        var duplicate = migrations.GroupBy(migration => migration.Version).FirstOrDefault(group => group.Count() > 1);
        return duplicate is null ? migrations : throw new InvalidOperationException($"Two migrations have version {duplicate.Key}.");
    }

    private static MySqlMigration Read(Assembly assembly, string resource)
    {
        var name = resource[ResourcePrefix.Length..^".sql".Length];
        var separator = name.IndexOf('_', StringComparison.Ordinal);
        if (separator <= 0 || !int.TryParse(name.AsSpan(0, separator), NumberStyles.None, CultureInfo.InvariantCulture, out var version))
        {
            throw new InvalidOperationException($"Migration '{resource}' is not named NNNN_what.sql.");
        }

        // Read whole at its known length (a reader's growing buffers were most of a cold start's schema check); a byte
        // order mark is not part of the script, as a reader would have it.
        using var stream = assembly.GetManifestResourceStream(resource)!;
        var bytes = new byte[stream.Length];
        stream.ReadExactly(bytes);
        var script = bytes.AsMemory();
        return new MySqlMigration(version, name, script.Span.StartsWith(Encoding.UTF8.Preamble) ? script[Encoding.UTF8.Preamble.Length..] : script);
    }

    /// <summary>
    /// Valid UTF-8 holding none of the other line endings <see cref="string.ReplaceLineEndings(string)"/> replaces: CR,
    /// form feed, NEL (U+0085), LS (U+2028), PS (U+2029).
    /// </summary>
    private static bool HasOnlyUnixLineEndings(ReadOnlySpan<byte> utf8) =>
        System.Text.Unicode.Utf8.IsValid(utf8)
        && utf8.IndexOfAny((byte)'\r', (byte)'\f') < 0
        && utf8.IndexOf("\u0085"u8) < 0
        && utf8.IndexOf("\u2028"u8) < 0
        && utf8.IndexOf("\u2029"u8) < 0;
}
