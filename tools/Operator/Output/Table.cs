namespace Portable.Operator.Output;

/// <summary>Rows under a header, each column as wide as its widest cell (up to a limit), for a terminal to read.</summary>
public sealed class Table(params string[] header)
{
    private const int MaxCellWidth = 60;
    private readonly List<string[]> _rows = [];

    public int Count => _rows.Count;

    public void Add(params string?[] cells) =>
        _rows.Add([.. cells.Select(cell => Clip((cell ?? "").ReplaceLineEndings(" ")))]);

    public void WriteTo(TextWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        var widths = header.Select((title, column) => _rows.Select(row => row[column].Length).Append(title.Length).Max()).ToArray();
        WriteRow(writer, header, widths);
        foreach (var row in _rows)
        {
            WriteRow(writer, row, widths);
        }
    }

    private static void WriteRow(TextWriter writer, IReadOnlyList<string> cells, int[] widths) =>
        writer.WriteLine(string.Join("  ", cells.Select((cell, column) => column == cells.Count - 1 ? cell : cell.PadRight(widths[column]))).TrimEnd());

    private static string Clip(string text) => text.Length <= MaxCellWidth ? text : text[..(MaxCellWidth - 3)] + "...";
}
