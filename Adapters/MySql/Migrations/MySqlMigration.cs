using System.Globalization;
using System.Reflection;
using System.Security.Cryptography;
using System.Text;

namespace Portable.Adapters.MySql.Migrations;

/// <summary>One versioned schema script, embedded in this assembly as <c>Migrations/NNNN_name.sql</c>.</summary>
internal sealed record MySqlMigration(int Version, string Name, string Script)
{
    private const string ResourcePrefix = "Migrations/";

    /// <summary>Identifies the script as written, so that editing an applied migration is caught instead of ignored.</summary>
    public string Checksum { get; } = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(Script.ReplaceLineEndings("\n"))));

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
        var text = bytes.AsSpan();
        return new MySqlMigration(version, name, Encoding.UTF8.GetString(text.StartsWith(Encoding.UTF8.Preamble) ? text[Encoding.UTF8.Preamble.Length..] : text));
    }
}
