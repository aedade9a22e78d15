namespace Portable.Operator.Cli;

/// <summary>A verb of the CLI: its name, what it does, what it takes, and what runs it.</summary>
public sealed record VerbSpec(
    string Name,
    string Summary,
    string Usage,
    IReadOnlyList<OptionSpec> Options,
    Func<VerbContext, Task<int>> Run)
{
    /// <summary>Extra lines of help after the options: examples, defaults.</summary>
    public IReadOnlyList<string> Notes { get; init; } = [];

    /// <summary>How many positional arguments the verb takes (an instance id); more is a usage error.</summary>
    public int MaxPositionals { get; init; }
}
