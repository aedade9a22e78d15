namespace Portable.Operator.Cli;

/// <summary>An option a verb takes: a flag when <see cref="ValueName"/> is null, otherwise one value.</summary>
public sealed record OptionSpec(string Name, string? ValueName, string Description)
{
    public bool IsFlag => ValueName is null;

    public static OptionSpec Flag(string name, string description) => new(name, null, description);

    public static OptionSpec Value(string name, string valueName, string description) => new(name, valueName, description);
}
