using System.Text;
using System.Text.Json;
using Portable.Core.Http;
using Portable.Core.Workflows;
using Portable.Core.Workflows.Management;
using Portable.Functions.Http;

namespace Portable.Functions.Tests.Http;

public sealed class ManagementLinksTests
{
    private static readonly Uri Base = new("http://localhost:7071");

    [Test]
    public void EveryLinksObjectOfABatchIsReplacedAndTheRestOfTheBodyKept()
    {
        var body = $$"""[{"sampleId":"S-1","links":{{Json(WorkflowLinks.For(Base, "qc-S-1"))}}},{"sampleId":"S-2","links":{{Json(WorkflowLinks.For(Base, "qc-S-2"))}}}]""";
        var response = ApiResponse.RawJson(202, Encoding.UTF8.GetBytes(body));

        var rewritten = ManagementLinks.Rewrite(response, Durable);
        var items = JsonDocument.Parse(rewritten.Body).RootElement.EnumerateArray().ToList();

        Assert.Multiple(() =>
        {
            Assert.That(items.Select(item => item.GetProperty("sampleId").GetString()), Is.EqualTo(new[] { "S-1", "S-2" }));
            Assert.That(items.Select(item => item.GetProperty("links").GetProperty("statusQueryGetUri").GetString()), Is.EqualTo(new[] { Durable("qc-S-1").StatusQueryGetUri, Durable("qc-S-2").StatusQueryGetUri }));
            Assert.That(items[0].GetProperty("links").GetProperty("purgeHistoryDeleteUri").GetString(), Does.EndWith("?code=key"));
        });
    }

    [Test]
    public void ALocationThatPointedAtALinkFollowsIt()
    {
        var core = WorkflowLinks.For(Base, "ORD0000001");
        var response = ApiResponse.RawJson(202, Encoding.UTF8.GetBytes($$"""{"orderId":"ORD0000001","links":{{Json(core)}}}""")).WithHeader("Location", core.StatusQueryGetUri).WithHeader("X-Other", "kept");

        var rewritten = ManagementLinks.Rewrite(response, Durable);

        Assert.Multiple(() =>
        {
            Assert.That(rewritten.Headers["Location"], Is.EqualTo(Durable("ORD0000001").StatusQueryGetUri));
            Assert.That(rewritten.Headers["X-Other"], Is.EqualTo("kept"));
            Assert.That(rewritten.StatusCode, Is.EqualTo(202));
        });
    }

    [Test]
    public void AnswersWithoutLinksAreLeftAlone()
    {
        var ok = ApiResponse.RawJson(200, Encoding.UTF8.GetBytes($$"""{"links":{{Json(WorkflowLinks.For(Base, "x"))}}}"""));
        var accepted = ApiResponse.RawJson(202, Encoding.UTF8.GetBytes("""{"message":"queued"}"""));

        Assert.Multiple(() =>
        {
            Assert.That(ManagementLinks.Rewrite(ok, Durable), Is.SameAs(ok));
            Assert.That(ManagementLinks.Rewrite(accepted, Durable), Is.SameAs(accepted));
        });
    }

    private static WorkflowLinks Durable(string id)
    {
        var instance = $"https://app.azurewebsites.net/runtime/webhooks/durabletask/instances/{id}";
        return new WorkflowLinks(id, instance + "?code=key", instance + "/raiseEvent/{eventName}?code=key", instance + "/terminate?reason={text}&code=key",
            instance + "/suspend?reason={text}&code=key", instance + "/resume?reason={text}&code=key", instance + "?code=key");
    }

    private static string Json(WorkflowLinks links) => JsonSerializer.Serialize(links, ManagementJsonContext.Default.WorkflowLinks);
}
