using Microsoft.Data.Sqlite;
using Portable.Adapters.Sqlite;

namespace Portable.Adapters.Tests;

/// <summary>A fixture's temporary folder of SQLite files, deleted with it.</summary>
public sealed class SqliteFiles : IDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "portable-sqlite-" + Guid.NewGuid().ToString("N"));

    /// <summary>A database in a file of its own: <paramref name="name"/>.db, or a new name each call.</summary>
    public SqliteDatabase Database(string? name = null) => new(Path.Combine(_directory, (name ?? Guid.NewGuid().ToString("N")) + ".db"));

    public void Dispose()
    {
        // Pooled connections keep the files open.
        SqliteConnection.ClearAllPools();
        if (Directory.Exists(_directory))
        {
            Directory.Delete(_directory, recursive: true);
        }
    }
}
