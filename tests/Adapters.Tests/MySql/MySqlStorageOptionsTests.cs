using Portable.Adapters.MySql;

namespace Portable.Adapters.Tests.MySql;

/// <summary>The MySQL connection string: its form checked with the settings, its options where the database is first used.</summary>
public sealed class MySqlStorageOptionsTests
{
    [TestCase("Server=127.0.0.1;Port")]
    [TestCase("Server='127.0.0.1;Port=3306")]
    public void A_connection_string_that_does_not_parse_is_refused_with_the_settings_naming_its_key(string connectionString)
    {
        var options = new MySqlStorageOptions { ConnectionString = connectionString };

        Assert.That(options.Problems(), Has.Some.Contains("ConnectionStrings:MySql"));
    }

    [Test]
    public void An_option_the_driver_does_not_know_is_refused_where_the_database_is_first_used_naming_it()
    {
        var options = new MySqlStorageOptions { ConnectionString = "Sever=127.0.0.1;Database=portable" };

        Assert.That(options.Problems(), Is.Empty);
        Assert.That(options.EffectiveConnectionString, Throws.InvalidOperationException
            .With.Message.Contains("ConnectionStrings:MySql").And.Message.Contains("sever").IgnoreCase);
    }

    [Test]
    public void The_short_timeouts_apply_unless_the_connection_string_sets_its_own()
    {
        var options = new MySqlStorageOptions { ConnectionString = "Server=127.0.0.1;Default Command Timeout=9" };

        var effective = options.EffectiveConnectionString();

        Assert.That(effective, Does.Contain("Default Command Timeout=9").And.Contain("Connection Timeout=3").And.Contain("Cancellation Timeout=1"));
    }
}
