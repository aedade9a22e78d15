namespace Portable.Core.Dashboard;

/// <summary>The dashboard's orders: how many are in each status, and the newest, filtered by status when asked.</summary>
internal sealed record OrderBoard(IReadOnlyDictionary<string, int> Counts, IReadOnlyList<DashboardOrder> Orders);
