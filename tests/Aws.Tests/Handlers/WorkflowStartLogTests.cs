using System.Text.Json;
using Portable.Adapters.Aws.Runtime;
using Portable.Aws.Tests.Events;

namespace Portable.Aws.Tests.Handlers;

/// <summary>
/// The line the operations dashboard counts as an orchestration started: written by the durable client once per
/// instance it creates, in the JSON the metric filters read (<c>eventName</c> InstanceStarted).
/// </summary>
public sealed class WorkflowStartLogTests
{
    [Test]
    public async Task A_placed_order_logs_one_start_line_with_its_instance_id_and_a_refused_one_logs_none()
    {
        await using var host = TestHost.Create();
        var bearer = new Dictionary<string, string> { ["Authorization"] = "Bearer " + TestHost.AliceToken };

        var placed = await host.InvokeAsync(HandlerNames.Api, ApiEvents.V2("POST", "/api/order", bearer, """{"Item":"book","Amount":3}"""));
        var refused = await host.InvokeAsync(HandlerNames.Api, ApiEvents.V2("POST", "/api/order", bearer, """{"Item":"book","Amount":-1}"""));
        var orderId = JsonDocument.Parse(placed.GetProperty("body").GetString()!).RootElement.GetProperty("orderId").GetString();
        var starts = host.LogLines.Where(line => line.TryGetProperty("eventName", out var name) && name.GetString() == "InstanceStarted").ToList();

        Assert.Multiple(() =>
        {
            Assert.That((placed.GetProperty("statusCode").GetInt32(), refused.GetProperty("statusCode").GetInt32()), Is.EqualTo((202, 400)));
            Assert.That(starts.Select(line => line.GetProperty("InstanceId").GetString()), Is.EqualTo(new[] { orderId }));
            Assert.That(starts.Select(line => line.GetProperty("level").GetString()), Is.All.EqualTo("INFO"));
        });
    }
}
