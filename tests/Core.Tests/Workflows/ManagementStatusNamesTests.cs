using Portable.Core.Workflows;
using Portable.Core.Workflows.Management;

namespace Portable.Core.Tests.Workflows;

public sealed class ManagementStatusNamesTests
{
    [Test]
    public void The_runtime_status_filter_names_every_status_in_the_enums_order() =>
        Assert.That(string.Join(", ", Enum.GetNames<WorkflowRuntimeStatus>()), Is.EqualTo(ManagementEndpoints.StatusNames));
}
