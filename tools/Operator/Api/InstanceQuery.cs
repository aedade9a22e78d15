using System.Globalization;
using System.Text;

namespace Portable.Operator.Api;

/// <summary>The list filters of the management API (<c>GET .../instances</c>), as the Durable Functions API names them.</summary>
public sealed record InstanceQuery
{
    public IReadOnlyList<string> Statuses { get; init; } = [];

    public DateTimeOffset? CreatedFrom { get; init; }

    public DateTimeOffset? CreatedTo { get; init; }

    public string? InstanceIdPrefix { get; init; }

    public int Top { get; init; } = 100;

    public bool ShowInput { get; init; }

    public string QueryString()
    {
        var query = new StringBuilder("?top=").Append(Top.ToString(CultureInfo.InvariantCulture));
        query.Append("&showInput=").Append(ShowInput ? "true" : "false");
        if (Statuses.Count > 0)
        {
            query.Append("&runtimeStatus=").Append(Uri.EscapeDataString(string.Join(',', Statuses)));
        }

        if (CreatedFrom is { } from)
        {
            query.Append("&createdTimeFrom=").Append(Uri.EscapeDataString(from.ToString("O", CultureInfo.InvariantCulture)));
        }

        if (CreatedTo is { } to)
        {
            query.Append("&createdTimeTo=").Append(Uri.EscapeDataString(to.ToString("O", CultureInfo.InvariantCulture)));
        }

        if (!string.IsNullOrEmpty(InstanceIdPrefix))
        {
            query.Append("&instanceIdPrefix=").Append(Uri.EscapeDataString(InstanceIdPrefix));
        }

        return query.ToString();
    }
}
