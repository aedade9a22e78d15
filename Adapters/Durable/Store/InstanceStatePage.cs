namespace Portable.Adapters.Durable.Store;

/// <summary>One page of a query; a null token means there is no further page.</summary>
public sealed record InstanceStatePage(IReadOnlyList<InstanceState> Instances, string? ContinuationToken)
{
    /// <summary>
    /// The page of <paramref name="rows"/>, read in the query's order (creation time, then id) with one row more than
    /// <paramref name="pageSize"/>: that row, when there, says a further page follows, and is left to it.
    /// </summary>
    public static InstanceStatePage FromRows(List<InstanceState> rows, int pageSize)
    {
        ArgumentNullException.ThrowIfNull(rows);
        if (rows.Count <= pageSize)
        {
            return new InstanceStatePage(rows, null);
        }

        rows.RemoveRange(pageSize, rows.Count - pageSize);
        var last = rows[^1];
        return new InstanceStatePage(rows, new ContinuationToken(last.CreatedAt.UtcTicks, last.InstanceId).ToString());
    }
}
