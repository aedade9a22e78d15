using Portable.Operator.Cli;

namespace Portable.Operator.Commands;

/// <summary>The runtime statuses of the Durable Functions API, as <c>--runtime-status</c> takes them (any case, comma-separated).</summary>
internal static class RuntimeStatuses
{
    public static readonly string[] All = ["Pending", "Running", "Completed", "Failed", "Terminated", "Suspended", "ContinuedAsNew"];

    /// <summary>The statuses of an instance that has ended: only these can be purged.</summary>
    public static readonly string[] Ended = ["Completed", "Failed", "Terminated"];

    public static bool HasEnded(string status) => Array.IndexOf(Ended, status) >= 0;

    public static IReadOnlyList<string> Parse(string? text, IReadOnlyList<string> allowed)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return [];
        }

        var statuses = new List<string>();
        foreach (var part in text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            statuses.Add(allowed.FirstOrDefault(status => status.Equals(part, StringComparison.OrdinalIgnoreCase))
                ?? throw OperatorException.Usage($"--runtime-status: '{part}' is not one of {string.Join(", ", allowed)}."));
        }

        return statuses;
    }
}
