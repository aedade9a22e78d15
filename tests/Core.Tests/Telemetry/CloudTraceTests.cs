using System.Diagnostics;
using Portable.Core.Telemetry;

namespace Portable.Core.Tests.Telemetry;

public sealed class CloudTraceTests
{
    [Test]
    public void An_xray_header_becomes_the_w3c_trace_and_parent_it_names()
    {
        var parsed = CloudTrace.TryParse("Root=1-5759e988-bd862e3fe1be46a994272793;Parent=53995c3f42cd8ad8;Sampled=1", out var context);

        Assert.That(parsed, Is.True);
        Assert.That(context.TraceId.ToString(), Is.EqualTo("5759e988bd862e3fe1be46a994272793"));
        Assert.That(context.SpanId.ToString(), Is.EqualTo("53995c3f42cd8ad8"));
        Assert.That(context.TraceFlags, Is.EqualTo(ActivityTraceFlags.Recorded));
        Assert.That(context.IsRemote, Is.True);
    }

    [Test]
    public void An_unsampled_xray_header_is_not_recorded_and_a_traceparent_is_read_as_well()
    {
        Assert.That(CloudTrace.TryParse("Root=1-5759e988-bd862e3fe1be46a994272793;Parent=53995c3f42cd8ad8;Sampled=0", out var unsampled), Is.True);
        Assert.That(unsampled.TraceFlags, Is.EqualTo(ActivityTraceFlags.None));
        Assert.That(CloudTrace.TryParse("00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01", out var w3c), Is.True);
        Assert.That(w3c.TraceId.ToString(), Is.EqualTo("0af7651916cd43dd8448eb211c80319c"));
    }

    [Test]
    public void An_invocation_span_continues_the_cloud_trace()
    {
        using var listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == PortableTelemetry.Name,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
        };
        ActivitySource.AddActivityListener(listener);

        using var invocation = CloudTrace.StartInvocation("qc-samples", ActivityKind.Consumer, "Root=1-5759e988-bd862e3fe1be46a994272793;Parent=53995c3f42cd8ad8;Sampled=1");

        Assert.That(invocation!.TraceId.ToString(), Is.EqualTo("5759e988bd862e3fe1be46a994272793"));
        Assert.That(invocation.ParentSpanId.ToString(), Is.EqualTo("53995c3f42cd8ad8"));
        Assert.That(invocation.Kind, Is.EqualTo(ActivityKind.Consumer));
    }

    [TestCase(null)]
    [TestCase("")]
    [TestCase("Root=1-5759e988-bd862e3fe1be46a994272793")]
    [TestCase("Root=2-5759e988-bd862e3fe1be46a994272793;Parent=53995c3f42cd8ad8")]
    [TestCase("Root=1-5759e988-BD862E3FE1BE46A994272793;Parent=53995c3f42cd8ad8")]
    [TestCase("Root=1-00000000-000000000000000000000000;Parent=53995c3f42cd8ad8")]
    [TestCase("a request id")]
    public void Anything_else_is_no_trace(string? header) =>
        Assert.That(CloudTrace.TryParse(header, out _), Is.False);
}
