using Portable.Core.Observations;

namespace Portable.Core.Tests.Observations;

public sealed class ObservationsOptionsTests
{
    private static readonly (string Key, string? Value)[] Required =
    [
        ("Observations:BaseUrl", "https://stats.example.test/rest/data/ABS,CPI,1.1.0/all"),
        ("Observations:TokenUrl", "https://auth.example.test/token"),
        ("Observations:ClientId", "portal"),
        ("Observations:ClientSecret", "hunter2"),
    ];

    [Test]
    public void Reads_the_required_keys_and_defaults_the_rest()
    {
        var options = BoundOptions.Of<ObservationsOptions>(Required);

        Assert.Multiple(() =>
        {
            Assert.That(options.IsConfigured, Is.True);
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
        var options = BoundOptions.Of<ObservationsOptions>(
        [
            .. Required,
            ("Observations:Scope", "stats.read"),
            ("Observations:CacheDuration", "00:01:00"),
            ("Observations:MaxAttempts", "5"),
            ("Observations:FirstRetryDelay", "00:00:00.5"),
            ("Observations:MaxRetryDelay", "00:00:05"),
            ("Observations:RequestTimeout", "00:00:03"),
        ]);

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

    [Test]
    public void Without_any_of_its_keys_the_service_is_simply_not_configured()
    {
        var options = BoundOptions.Of<ObservationsOptions>();

        Assert.That(options.IsConfigured, Is.False);
        Assert.That(options.MissingKeys(), Has.Count.EqualTo(4));
    }

    [TestCase("Observations:BaseUrl", null, "Observations:BaseUrl must be set too")]
    [TestCase("Observations:TokenUrl", " ", "Observations:TokenUrl")]
    [TestCase("Observations:ClientId", null, "Observations:ClientId must be set too")]
    [TestCase("Observations:ClientSecret", "", "Observations:ClientSecret must be set too")]
    [TestCase("Observations:BaseUrl", "/relative/data", "Observations:BaseUrl must be an absolute http or https URL")]
    [TestCase("Observations:TokenUrl", "ftp://auth.example.test/token", "Observations:TokenUrl must be an absolute http or https URL")]
    [TestCase("Observations:CacheDuration", "five minutes", "Observations:CacheDuration")]
    [TestCase("Observations:RequestTimeout", "00:00:00", "Observations:RequestTimeout must be a positive duration")]
    [TestCase("Observations:FirstRetryDelay", "-00:00:01", "non-negative durations")]
    [TestCase("Observations:MaxAttempts", "0", "Observations:MaxAttempts must be a whole number of at least 1")]
    [TestCase("Observations:MaxAttempts", "three", "Observations:MaxAttempts")]
    public void A_missing_or_malformed_key_stops_the_host_naming_it(string key, string? value, string problem)
    {
        var settings = Required.Where(setting => setting.Key != key).Append((key, value)).ToArray();

        Assert.That(BoundOptions.Refusal(settings), Does.Contain(problem).And.Not.Contain("hunter2"));
    }

    [Test]
    public void Printing_the_options_never_shows_the_client_secret()
    {
        var options = BoundOptions.Of<ObservationsOptions>(Required);

        Assert.That(options.ToString(), Does.Not.Contain("hunter2").And.Contain("ClientSecret = ***").And.Contain("ClientId = portal"));
    }
}
