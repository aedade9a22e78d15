namespace Portable.Core.Http;

/// <summary>A parsed route template; matching is case-insensitive on literals and keeps a catch-all's trailing slash.</summary>
internal sealed class RouteTemplate
{
    private readonly Segment[] _segments;

    private RouteTemplate(Segment[] segments) => _segments = segments;

    public static RouteTemplate Parse(string template)
    {
        var parts = template.Split('/', StringSplitOptions.RemoveEmptyEntries);
        var segments = new Segment[parts.Length];
        for (var i = 0; i < parts.Length; i++)
        {
            var part = parts[i];
            if (part.StartsWith('{') && part.EndsWith('}'))
            {
                var name = part[1..^1];
                var catchAll = name.StartsWith('*');
                if (catchAll && i != parts.Length - 1)
                {
                    throw new ArgumentException($"Catch-all '{part}' must be the last segment of '{template}'.", nameof(template));
                }

                segments[i] = new Segment(name.TrimStart('*'), IsParameter: true, catchAll);
            }
            else
            {
                segments[i] = new Segment(part, IsParameter: false, IsCatchAll: false);
            }
        }

        return new RouteTemplate(segments);
    }

    public bool TryMatch(string path, out Dictionary<string, string> values)
    {
        values = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        var position = 0;
        foreach (var segment in _segments)
        {
            if (segment.IsCatchAll)
            {
                values[segment.Text] = Uri.UnescapeDataString(path[Math.Min(position, path.Length)..]);
                return true;
            }

            if (position >= path.Length)
            {
                return false;
            }

            var end = path.IndexOf('/', position);
            var next = end < 0 ? path.Length : end;
            var text = path[position..next];
            if (text.Length == 0)
            {
                return false;
            }

            if (segment.IsParameter)
            {
                values[segment.Text] = Uri.UnescapeDataString(text);
            }
            else if (!string.Equals(segment.Text, text, StringComparison.OrdinalIgnoreCase))
            {
                return false;
            }

            position = end < 0 ? path.Length : end + 1;
        }

        return position >= path.Length;
    }

    private readonly record struct Segment(string Text, bool IsParameter, bool IsCatchAll);
}
