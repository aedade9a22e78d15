using NUnit.Framework;

namespace Portable.Tests.Support;

/// <summary>
/// Where the real servers of the tests are. <c>scripts/test.sh</c> starts MariaDB, the SQS emulator and Azurite and sets these
/// variables, together with <c>PORTABLE_REQUIRE_SERVERS=1</c> so that a missing server fails the run. A bare
/// <c>dotnet test</c> without them skips those tests and says why.
/// </summary>
public static class TestServers
{
    public static string MySql => Require("PORTABLE_TEST_MYSQL", "MariaDB", "mariadb");

    public static string SqsServiceUrl => Require("PORTABLE_TEST_SQS_URL", "the SQS emulator", "moto");

    /// <summary>A connection string to Azurite's queue service.</summary>
    public static string AzuriteQueues => Require("PORTABLE_TEST_AZURITE_QUEUES", "Azurite", "azurite");

    private static string Require(string variable, string server, string script)
    {
        var value = Environment.GetEnvironmentVariable(variable);
        if (!string.IsNullOrWhiteSpace(value))
        {
            return value;
        }

        var message = $"{variable} is not set: run the tests through scripts/test.sh, which starts {server}, "
            + $"or start it with eval \"$(bash scripts/{script}.sh start)\".";
        if (Environment.GetEnvironmentVariable("PORTABLE_REQUIRE_SERVERS") == "1")
        {
            Assert.Fail(message);
        }

        Assert.Ignore(message);
        return "";
    }
}
