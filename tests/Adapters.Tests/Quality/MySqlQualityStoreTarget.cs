using Portable.Adapters.MySql.Quality;
using Portable.Adapters.Tests.MySql;
using Portable.Core.Quality;

namespace Portable.Adapters.Tests.Quality;

/// <summary>
/// MySQL quality stores on MariaDB, in a database of the fixture's own made at its first store (not when NUnit builds the
/// fixture) and emptied for each store after.
/// </summary>
public sealed class MySqlQualityStoreTarget : QualityStoreTarget
{
    private MySqlStoreDatabase? _database;

    public override async Task<IQualityStore> CreateEmptyStoreAsync()
    {
        _database ??= await MySqlStoreDatabase.CreateAsync();
        await _database.EmptyAsync("quality_samples");
        return new MySqlQualityStore(_database.Database);
    }

    public override async ValueTask DisposeAsync()
    {
        if (_database is not null)
        {
            await _database.DisposeAsync();
        }
    }
}
