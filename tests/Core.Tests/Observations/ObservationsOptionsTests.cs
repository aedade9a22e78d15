using Portable.Core.Observations;

namespace Portable.Core.Tests.Observations;

public sealed class ObservationsOptionsTests
{
    [Test]
    public void Reads_the_required_keys_and_defaults_the_rest()
    {
        var options = ObservationsOptions.FromConfiguration(Configuration());

        Assert.Multiple(() =>
        {
            Assert.That(options.BaseUrl, Is.EqualTo(new Uri("https://stats.example.test/rest/data/ABS,CPI,1.1.0/all")));
            Assert.That(options.TokenUrl, Is.EqualTo(new Uri("https://auth.example.test/token")));
            Assert.That(options.ClientId, Is.EqualTo("portal"));
            Assert.That(options.ClientSecret, Is.EqualTo("hunter2"));
            Assert.That(options.Scope, Is.Null);
            Assert.That(options.CacheDuration, Is.EqualTo(TimeSpan.FromMinutes(5)));
            Assert.That(options.MaxAttempts, Is.EqualTo(3));
            Assert.That(options.FirstRetryDelay, Is.EqualTo(TimeSpan.FromMilliseconds(200)));
            Assert.That(options.MaxRetryDelay, Is.EqualTo(TimeSpan.FromSeconds(30)));
            Assert.That(options.RequestTimeout, Is.EqualTo(TimeSpan.FromSeconds(10)));
        });
    }

    [Test]
    public void Reads_the_optional_keys()
    {
        var options = ObservationsOptions.FromConfiguration(Configuration(new()
        {
            ["Observations:Scope"] = "stats.read",
            ["Observations:CacheDuration"] = "00:01:00",
            ["Observations:MaxAttempts"] = "5",
            ["Observations:FirstRetryDelay"] = "00:00:00.5",
            ["Observations:MaxRetryDelay"] = "00:00:05",
            ["Observations:RequestTimeout"] = "00:00:03",
        }));

        Assert.Multiple(() =>
        {
            Assert.That(options.Scope, Is.EqualTo("stats.read"));
            Assert.That(options.CacheDuration, Is.EqualTo(TimeSpan.FromMinutes(1)));
            Assert.That(options.MaxAttempts, Is.EqualTo(5));
            Assert.That(options.FirstRetryDelay, Is.EqualTo(TimeSpan.FromMilliseconds(500)));
            Assert.That(options.MaxRetryDelay, Is.EqualTo(TimeSpan.FromSeconds(5)));
            Assert.That(options.RequestTimeout, Is.EqualTo(TimeSpan.FromSeconds(3)));
        });
    }

    [TestCase("Observations:BaseUrl", null, "is required")]
    [TestCase("Observations:TokenUrl", " ", "is required")]
    [TestCase("Observations:ClientId", null, "is required")]
    [TestCase("Observations:ClientSecret", "", "is required")]
    [TestCase("Observations:BaseUrl", "/relative/data", "absolute http or https URL")]
    [TestCase("Observations:TokenUrl", "ftp://auth.example.test/token", "absolute http or https URL")]
    [TestCase("Observations:CacheDuration", "five minutes", "non-negative duration")]
    [TestCase("Observations:RequestTimeout", "00:00:00", "positive duration")]
    [TestCase("Observations:FirstRetryDelay", "-00:00:01", "non-negative duration")]
    [TestCase("Observations:MaxAttempts", "0", "at least 1")]
    [TestCase("Observations:MaxAttempts", "three", "at least 1")]
    public void A_missing_or_malformed_key_is_named_in_the_error(string key, string? value, string problem)
    {
        var error = Assert.Throws<InvalidOperationException>(() =>
            ObservationsOptions.FromConfiguration(Configuration(new() { [key] = value })));

        Assert.That(error.Message, Does.Contain($"'{key}'").And.Contain(problem));
    }

    [Test]
    public void Printing_the_options_never_shows_the_client_secret()
    {
        var options = ObservationsOptions.FromConfiguration(Configuration());

        Assert.That(options.ToString(), Does.Not.Contain("hunter2").And.Contain("ClientSecret = ***").And.Contain("ClientId = portal"));
    }

    private static DictionaryConfiguration Configuration(Dictionary<string, string?>? overrides = null)
    {
        var values = new Dictionary<string, string?>
        {
            ["Observations:BaseUrl"] = "https://stats.example.test/rest/data/ABS,CPI,1.1.0/all",
            ["Observations:TokenUrl"] = "https://auth.example.test/token",
            ["Observations:ClientId"] = "portal",
            ["Observations:ClientSecret"] = "hunter2",
        };
        foreach (var (key, value) in overrides ?? [])
        {
            values[key] = value;
        }

        return new DictionaryConfiguration(values);
    }
}
