using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Portable.Adapters.Durable.Sqlite;

namespace Portable.Durable.Tests.Infrastructure;

/// <summary>A SQLite file of its own per test, deleted (with its WAL files) afterwards.</summary>
internal sealed class SqliteTestDatabase : TestDatabase
{
    private static readonly string Folder = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "portable-durable-tests");

    public SqliteTestDatabase()
    {
        Directory.CreateDirectory(Folder);
        Path = System.IO.Path.Combine(Folder, $"{Guid.NewGuid():N}.db");
    }

    public string Path { get; }

    public override void ConfigureCrashHost(ProcessStartInfo start)
    {
        ArgumentNullException.ThrowIfNull(start);
        start.ArgumentList.Add("sqlite");
        start.ArgumentList.Add(Path);
    }

    public override void AddStore(IServiceCollection services) => services.AddSqliteOrchestrationStore($"Data Source={Path}");

    public override void Dispose()
    {
        foreach (var suffix in new[] { string.Empty, "-wal", "-shm" })
        {
            File.Delete(Path + suffix);
        }
    }
}
