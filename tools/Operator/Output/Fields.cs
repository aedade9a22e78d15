namespace Portable.Operator.Output;

/// <summary>One record as "label: value" lines, labels aligned; empty values left out.</summary>
public sealed class Fields
{
    private readonly List<(string Label, string Value)> _lines = [];

    public void Add(string label, string? value)
    {
        if (!string.IsNullOrEmpty(value))
        {
            _lines.Add((label, value));
        }
    }

    public void WriteTo(TextWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        var width = _lines.Count == 0 ? 0 : _lines.Max(line => line.Label.Length) + 1;
        foreach (var (label, value) in _lines)
        {
            writer.WriteLine($"{(label + ":").PadRight(width)} {value}");
        }
    }
}
