using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;
using Portable.Adapters.Sqlite;
using Portable.Adapters.Sqlite.Messaging;
using Portable.Core.Messaging;

namespace Portable.Adapters.Tests.Messaging;

/// <summary>The embedded queues in a temporary SQLite file.</summary>
public sealed class SqliteQueueTarget : QueueTarget
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "portable-queues-" + Guid.NewGuid().ToString("N"));

    public string DatabasePath => Path.Combine(_directory, "queues.db");

    public override IQueueProvider CreateProvider(int maxReceiveCount) =>
        new SqliteQueueProvider(new SqliteDatabase(DatabasePath), new SqliteQueueOptions { MaxReceiveCount = maxReceiveCount }, TimeProvider.System, NullLogger<SqliteQueueProvider>.Instance);

    protected override void Dispose(bool disposing)
    {
        // Pooled connections keep the file open.
        SqliteConnection.ClearAllPools();
        if (Directory.Exists(_directory))
        {
            Directory.Delete(_directory, recursive: true);
        }
    }
}
