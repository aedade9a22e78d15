using Microsoft.Extensions.Configuration;
using Portable.Core.Settings;

namespace Portable.Core.Storage;

/// <summary>
/// Where Core's stores live, where a host offers more than one place (<c>Storage:*</c>). Hosts read it in their
/// composition, before the container exists, to choose what they register; Core itself never looks at it.
/// </summary>
public sealed record StorageOptions : IValidatedOptions
{
    public const string Section = "Storage";

    /// <summary><c>Storage:Provider</c>: where Core's stores and the durable runtime's store live.</summary>
    public StoreProvider Provider { get; set; } = StoreProvider.Sqlite;

    /// <summary><c>Storage:Sqlite:*</c>.</summary>
    public SqliteFileOptions Sqlite { get; set; } = new();

    /// <summary>The bound <c>Storage</c> section; a bad value stops the host with its key.</summary>
    public static StorageOptions From(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        return (configuration.GetSection(Section).Get<StorageOptions>() ?? new StorageOptions()).ThrowIfInvalid();
    }

    /// <summary>The SQLite file of the durable runtime beside the app's (<c>app.db</c> -> <c>app.durable.db</c>), so its single writer never waits on the app's writes.</summary>
    public static string DurablePathBeside(string sqlitePath)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(sqlitePath);
        var directory = System.IO.Path.GetDirectoryName(sqlitePath) ?? ".";
        return System.IO.Path.Combine(directory, System.IO.Path.GetFileNameWithoutExtension(sqlitePath) + ".durable.db");
    }

    public IEnumerable<string> Problems()
    {
        if (!Enum.IsDefined(Provider))
        {
            yield return $"{Section}:Provider must be Sqlite or MySql.";
        }

        if (string.IsNullOrWhiteSpace(Sqlite.Path))
        {
            yield return $"{Section}:Sqlite:Path must name a file.";
        }
    }
}
