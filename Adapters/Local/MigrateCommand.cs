using MySqlConnector;
using Portable.Adapters.MySql.Migrations;

namespace Portable.Adapters.Local;

/// <summary>
/// <c>dotnet run --project Adapters/Local -- migrate</c>: applies the MySQL schema migrations and exits. What stops it
/// (no connection string, a server it cannot reach, a refused login, a migration edited after it ran) is one line
/// naming the server, and a non-zero exit code, not a stack trace.
/// </summary>
internal static class MigrateCommand
{
    public static async Task<int> RunAsync(IConfiguration configuration, CancellationToken cancellationToken)
    {
        var connectionString = configuration.GetConnectionString("MySql");
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            await Console.Error.WriteLineAsync("migrate: ConnectionStrings:MySql is not set (ConnectionStrings__MySql in the environment).");
            return 2;
        }

        string server;
        try
        {
            var settings = new MySqlConnectionStringBuilder(connectionString);
            server = $"'{settings.Database}' on {settings.Server}:{settings.Port} as {settings.UserID}";
        }
        catch (ArgumentException exception)
        {
            await Console.Error.WriteLineAsync($"migrate: ConnectionStrings:MySql is not a MySQL connection string: {exception.Message}");
            return 2;
        }

        try
        {
            using var loggers = LoggerFactory.Create(logging => logging.AddSimpleConsole(options => options.SingleLine = true));
            var applied = await MySqlMigrator.MigrateAsync(connectionString, cancellationToken, loggers.CreateLogger("migrate"));
            Console.WriteLine(applied.Count == 0 ? $"The schema of {server} is up to date." : $"Applied to {server}: {string.Join(", ", applied)}");
            return 0;
        }
        catch (Exception exception) when (exception is MySqlException or TimeoutException or InvalidOperationException)
        {
            await Console.Error.WriteLineAsync($"migrate: could not migrate {server}: {exception.Message}");
            return 1;
        }
    }
}
