using Portable.Core.Workflows;

namespace Portable.Core.Dashboard;

/// <summary>
/// The newest instances of the dashboard's window. The workflow store pages oldest first, so this reads the window's
/// pages, keeps the last <c>limit</c> and gives them newest first; at most <see cref="MaxScanned"/> are read, so a
/// busy store cannot make a page load unbounded.
/// </summary>
internal static class RecentInstances
{
    public const int MaxScanned = 20_000;

    public static async Task<IReadOnlyList<WorkflowInstance>> ReadAsync(
        IWorkflowClient workflows, WorkflowQuery filter, int limit, CancellationToken cancellationToken)
    {
        var newest = new Queue<WorkflowInstance>(limit + 1);
        var query = filter with { PageSize = WorkflowQuery.MaxPageSize, FetchInputsAndOutputs = false };
        for (var scanned = 0; scanned < MaxScanned;)
        {
            var page = await workflows.QueryAsync(query, cancellationToken);
            foreach (var instance in page.Instances)
            {
                newest.Enqueue(instance);
                if (newest.Count > limit)
                {
                    newest.Dequeue();
                }
            }

            scanned += page.Instances.Count;
            if (page.ContinuationToken is null)
            {
                break;
            }

            query = query with { ContinuationToken = page.ContinuationToken };
        }

        return [.. newest.Reverse()];
    }
}
