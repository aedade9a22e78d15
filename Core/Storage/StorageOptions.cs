using Microsoft.Extensions.Configuration;

namespace Portable.Core.Storage;

/// <summary>
/// Which implementation backs Core's stores and queues, where a host offers two (<c>Storage:*</c>, <c>Queues:*</c>).
/// Hosts read it in their composition; Core itself never looks at it.
/// </summary>
/// <param name="Stores">Where Core's stores and the durable runtime's store live.</param>
/// <param name="Queues">Where the system's queues live.</param>
/// <param name="SqlitePath">The SQLite file of the embedded stores and queues (<c>Storage:Sqlite:Path</c>), relative to the host's content root.</param>
public sealed record StorageOptions(StoreProvider Stores, QueueProvider Queues, string SqlitePath)
{
    public static StorageOptions FromConfiguration(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var stores = (configuration["Storage:Provider"] ?? "Sqlite") switch
        {
            var value when value.Equals("Sqlite", StringComparison.OrdinalIgnoreCase) => StoreProvider.Sqlite,
            var value when value.Equals("MySql", StringComparison.OrdinalIgnoreCase) => StoreProvider.MySql,
            var value => throw new InvalidOperationException($"Storage:Provider must be Sqlite or MySql; it is '{value}'."),
        };
        var queues = (configuration["Queues:Provider"] ?? "InProcess") switch
        {
            var value when value.Equals("InProcess", StringComparison.OrdinalIgnoreCase) => QueueProvider.InProcess,
            var value when value.Equals("Sqs", StringComparison.OrdinalIgnoreCase) => QueueProvider.Sqs,
            var value => throw new InvalidOperationException($"Queues:Provider must be InProcess or Sqs; it is '{value}'."),
        };
        return new StorageOptions(stores, queues, configuration["Storage:Sqlite:Path"] ?? ".data/app.db");
    }

    /// <summary>The SQLite file of the durable runtime beside the app's (<c>app.db</c> -> <c>app.durable.db</c>), so its single writer never waits on the app's writes.</summary>
    public static string DurablePathBeside(string sqlitePath)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(sqlitePath);
        var directory = Path.GetDirectoryName(sqlitePath) ?? ".";
        return Path.Combine(directory, Path.GetFileNameWithoutExtension(sqlitePath) + ".durable.db");
    }
}
