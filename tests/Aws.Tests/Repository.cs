namespace Portable.Aws.Tests;

/// <summary>Paths in the repository, from the test assembly's output folder (tests/Aws.Tests/bin/&lt;Configuration&gt;/net10.0).</summary>
public static class Repository
{
    private static readonly DirectoryInfo Output = new(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));

    public static string Root => Output.Parent!.Parent!.Parent!.Parent!.Parent!.FullName;

    /// <summary>The build configuration the tests were built in, which the bootstrap was built in too.</summary>
    public static string Configuration => Output.Parent!.Name;

    public static string TargetFramework => Output.Name;

    public static string PathOf(params string[] parts) => Path.Combine([Root, .. parts]);
}
