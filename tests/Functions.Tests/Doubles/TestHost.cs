using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Portable.Functions.Tests.Doubles;

/// <summary>The Functions app's composition on a temporary folder, as the worker would build it.</summary>
internal sealed class TestHost : IDisposable
{
    public const string LabKey = "lab-key";

    /// <summary>The operators' key; on Azure the app's master key has this value too (the dashboard's one key).</summary>
    public const string OperatorKey = "operator-key-for-tests";

    private readonly string _root = Directory.CreateTempSubdirectory("functions-tests-").FullName;

    /// <param name="settings">Settings added to (or replacing) the test configuration.</param>
    public TestHost(IReadOnlyDictionary<string, string?>? settings = null)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["AzureWebJobsStorage"] = "UseDevelopmentStorage=true",
            ["ErrorLogs:WriteKey"] = "write-key",
            ["ErrorLogs:ReadKey"] = "read-key",
            ["Orders:Tokens"] = "dev-token=dev@example.com;other-token=other@example.com",
            ["Quality:LabKey"] = LabKey,
            ["Management:Keys"] = OperatorKey,
            ["Quality:Notifier:WebhookUrl"] = "http://127.0.0.1:9/hook",
        }).AddInMemoryCollection(settings ?? new Dictionary<string, string?>()).Build();
        var services = new ServiceCollection().AddLogging();
        Program.AddFunctionsSystem(services, configuration, _root);
        Services = services.BuildServiceProvider();
    }

    public ServiceProvider Services { get; }

    public FakeDurableClient Durable { get; } = new();

    public void Dispose()
    {
        Services.Dispose();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_root, recursive: true);
    }
}
