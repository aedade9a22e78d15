namespace Portable.Tests.Support;

/// <summary>
/// Paths in the repository, from the running test assembly's output folder (tests/&lt;Project&gt;/bin/&lt;Configuration&gt;/net10.0),
/// for what the tests run or read that is built or kept beside them: a host's build output, a template.
/// </summary>
public static class Repository
{
    private static readonly DirectoryInfo Output = new(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));

    public static string Root => Output.Parent!.Parent!.Parent!.Parent!.Parent!.FullName;

    /// <summary>The build configuration the tests were built in, which the hosts they run were built in too.</summary>
    public static string Configuration => Output.Parent!.Name;

    public static string TargetFramework => Output.Name;

    public static string PathOf(params string[] parts) => Path.Combine([Root, .. parts]);
}
