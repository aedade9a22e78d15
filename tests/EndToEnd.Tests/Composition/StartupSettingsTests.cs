namespace Portable.EndToEnd.Tests.Composition;

/// <summary>A bad or missing setting stops the embedded host as it starts, and the error names the key.</summary>
public sealed class StartupSettingsTests
{
    [TestCase("Orders__Payment__Limit", "zero", "Orders:Payment:Limit")]
    [TestCase("Quality__Notifier__WebhookUrl", "", "Quality:Notifier:WebhookUrl")]
    [TestCase("Storage__Provider", "Oracle", "Storage:Provider")]
    [TestCase("Storage__MySql__MaxAttempts", "0", "Storage:MySql:MaxAttempts")]
    public void The_host_refuses_to_start_naming_the_key(string variable, string value, string key)
    {
        var settings = new Dictionary<string, string> { [variable] = value };
        if (key.StartsWith("Storage:MySql", StringComparison.Ordinal))
        {
            settings["Storage__Provider"] = "MySql";
            settings["ConnectionStrings__MySql"] = "Server=127.0.0.1;Port=9;Database=none;User ID=none";
        }

        var refusal = Assert.ThrowsAsync<InvalidOperationException>(() => LocalHostProcess.StartAsync(settings));

        Assert.That(refusal!.Message, Does.Contain("The host exited").And.Contain(key));
    }
}
