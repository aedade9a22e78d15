using System.Globalization;

namespace Portable.Adapters.Local.Dashboard;

/// <summary>
/// <c>Dashboard:Operator</c> is the identity recorded when an order is cancelled from the page; <c>Dashboard:Window</c>
/// how far back the lists of instances and orders reach (instances are listed oldest first by the store, so the
/// page reads the window and shows its newest).
/// </summary>
internal sealed record DashboardOptions(string Operator, TimeSpan Window)
{
    public static DashboardOptions FromConfiguration(IConfiguration configuration) => new(
        configuration["Dashboard:Operator"] is { Length: > 0 } name ? name : "dashboard-operator",
        TimeSpan.TryParse(configuration["Dashboard:Window"], CultureInfo.InvariantCulture, out var window) && window > TimeSpan.Zero ? window : TimeSpan.FromDays(7));
}
