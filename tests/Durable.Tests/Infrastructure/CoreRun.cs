using Microsoft.Extensions.DependencyInjection;
namespace Portable.Durable.Tests.Infrastructure;

/// <summary>A <see cref="CoreApplication"/> with a durable store of its own and one running host; disposes all three.</summary>
internal sealed class CoreRun : IAsyncDisposable
{
    private readonly SqliteTestDatabase _database;

    private CoreRun(SqliteTestDatabase database, CoreApplication app, DurableTestHost host)
    {
        _database = database;
        App = app;
        Host = host;
    }

    public CoreApplication App { get; }

    public DurableTestHost Host { get; }

    public static async Task<CoreRun> StartAsync(IReadOnlyDictionary<string, string?> settings, Action<IServiceCollection>? replace = null)
    {
        var database = new SqliteTestDatabase();
        var app = new CoreApplication(settings, replace);
        return new CoreRun(database, app, await app.StartHostAsync(database));
    }

    public async ValueTask DisposeAsync()
    {
        await Host.DisposeAsync();
        App.Dispose();
        _database.Dispose();
    }
}
