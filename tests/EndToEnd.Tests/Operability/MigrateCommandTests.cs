using System.Diagnostics;
using Portable.Tests.Support;

namespace Portable.EndToEnd.Tests.Operability;

/// <summary>The host's <c>migrate</c> command ends in one line naming the server, with a non-zero exit code, when it cannot migrate.</summary>
public sealed class MigrateCommandTests
{
    [Test]
    public async Task Against_an_unreachable_server_it_ends_in_one_line_naming_the_server_and_a_non_zero_exit_code()
    {
        var (exitCode, output) = await MigrateAsync("Server=127.0.0.1;Port=9;Database=portable;User ID=portable;Password=secret");

        Assert.That(exitCode, Is.Not.Zero);
        Assert.That(output, Has.Length.EqualTo(1), string.Join('\n', output));
        Assert.That(output[0], Does.Contain("127.0.0.1:9").And.Contain("'portable'").And.Not.Contain("secret"));
    }

    [Test]
    public async Task Without_a_connection_string_it_says_which_setting_is_missing()
    {
        var (exitCode, output) = await MigrateAsync(null);

        Assert.That(exitCode, Is.Not.Zero);
        Assert.That(output, Is.EqualTo(new[] { "migrate: ConnectionStrings:MySql is not set (ConnectionStrings__MySql in the environment)." }));
    }

    private static async Task<(int ExitCode, string[] Output)> MigrateAsync(string? connectionString)
    {
        var assembly = Repository.PathOf("Adapters", "Local", "bin", Repository.Configuration, Repository.TargetFramework, "Portable.Local.dll");
        var start = new ProcessStartInfo("dotnet", [assembly, "migrate"])
        {
            WorkingDirectory = Directory.CreateTempSubdirectory("portable-migrate-").FullName,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.Environment.Remove("ConnectionStrings__MySql");
        if (connectionString is not null)
        {
            start.Environment["ConnectionStrings__MySql"] = connectionString;
        }

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        var lines = (await stdout + await stderr).Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        return (process.ExitCode, lines);
    }
}
