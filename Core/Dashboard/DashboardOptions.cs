using Portable.Core.Settings;

namespace Portable.Core.Dashboard;

/// <summary>
/// <c>Dashboard:*</c>. <c>Operator</c> is the identity recorded when an order is cancelled from the page; <c>Window</c>
/// how far back the lists of instances and orders reach (instances are listed oldest first by the store, so the page
/// reads the window and shows its newest).
/// </summary>
public sealed record DashboardOptions : IValidatedOptions
{
    public const string Section = "Dashboard";

    /// <summary>Whether <c>/dashboard</c> is served.</summary>
    public bool Enabled { get; set; } = true;

    public string Operator { get; set; } = "dashboard-operator";

    public TimeSpan Window { get; set; } = TimeSpan.FromDays(7);

    public IEnumerable<string> Problems()
    {
        if (string.IsNullOrWhiteSpace(Operator))
        {
            yield return $"{Section}:Operator must name who acts from the dashboard.";
        }

        if (Window <= TimeSpan.Zero)
        {
            yield return $"{Section}:Window must be a positive duration such as 7.00:00:00.";
        }
    }
}
