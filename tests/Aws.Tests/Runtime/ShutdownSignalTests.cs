using Portable.Adapters.Aws.Hosting;

namespace Portable.Aws.Tests.Runtime;

/// <summary>SIGTERM is handled only where Lambda sends it: to functions with external extensions.</summary>
public sealed class ShutdownSignalTests
{
    private string _directory = "";

    [SetUp]
    public void CreateDirectory() => _directory = Directory.CreateTempSubdirectory("extensions-").FullName;

    [TearDown]
    public void DeleteDirectory() => Directory.Delete(_directory, recursive: true);

    [Test]
    public void Without_an_extensions_directory_no_signal_is_expected() =>
        Assert.That(LambdaBootstrap.ExpectsShutdownSignal(Path.Combine(_directory, "absent")), Is.False);

    [Test]
    public void With_an_empty_extensions_directory_no_signal_is_expected() =>
        Assert.That(LambdaBootstrap.ExpectsShutdownSignal(_directory), Is.False);

    [Test]
    public void With_an_extension_the_signal_is_expected()
    {
        File.WriteAllText(Path.Combine(_directory, "collector"), "#!/bin/sh\n");

        Assert.That(LambdaBootstrap.ExpectsShutdownSignal(_directory), Is.True);
    }
}
