using System.Text.Json;
using static Portable.EndToEnd.Tests.HttpTestExtensions;

namespace Portable.EndToEnd.Tests;

[NonParallelizable]
[TestFixture(Backend.Embedded)]
[TestFixture(Backend.MySqlSqs)]
public sealed class OrderApiTests(string backend)
{
    private LocalHostProcess _host = null!;

    [OneTimeSetUp]
    public async Task StartHost() => _host = await Backend.StartHostAsync(backend, new Dictionary<string, string>
    {
        ["Orders__DeliveryDelay"] = "00:00:03",
        ["Orders__DispatchInterval"] = "00:00:02",
        ["Orders__Payment__Limit"] = "1000",
        ["Orders__Payment__FirstRetryInterval"] = "00:00:00.200",
    });

    [OneTimeTearDown]
    public async Task StopHost() => await _host.DisposeAsync();

    private async Task<string> Place(string json, string token = LocalHostProcess.AliceToken)
    {
        var (status, body, response) = await _host.Client.SendJsonAsync(HttpMethod.Post, "api/order", json, Bearer(token));
        Assert.That(status, Is.EqualTo(202), body.ToString());
        Assert.That(response.Headers.Location!.AbsolutePath, Does.StartWith("/runtime/webhooks/durabletask/instances/ORD"));
        return body.GetProperty("orderId").GetString()!;
    }

    private async Task<JsonElement> Order(string id, string token = LocalHostProcess.AliceToken) =>
        (await _host.Client.SendJsonAsync(HttpMethod.Get, $"api/order/{id}", headers: Bearer(token))).Body;

    private Task<JsonElement> Until(string id, string status) =>
        Eventually.Get(() => Order(id), order => order.GetProperty("status").GetString() == status, what: $"{id} to be {status}");

    [Test]
    public async Task An_order_goes_from_processing_to_completed_and_is_charged_once()
    {
        var id = await Place("""{"Item":"test_item","Amount":100,"Description":"Description for item_test"}""");

        var first = await Order(id);
        var completed = await Until(id, "COMPLETED");

        Assert.That(id, Does.Match("^ORD[0-9]{7}$"));
        Assert.That(first.GetProperty("status").GetString(), Is.AnyOf("PROCESSING", "PLACED", "IN_TRANSIT", "COMPLETED"));
        Assert.That(completed.GetProperty("orderedBy").GetString(), Is.EqualTo("alice@example.com"));
        Assert.That(completed.GetProperty("item").GetString(), Is.EqualTo("test_item"));
        Assert.That(await AppDatabase.ScalarAsync(_host, "SELECT COUNT(*) FROM payments WHERE order_id = @id AND refunded = 0", ("@id", id)), Is.EqualTo(1));
    }

    [Test]
    public async Task An_amount_above_the_payment_limit_fails_and_cannot_be_cancelled()
    {
        var id = await Place("""{"Item":"yacht","Amount":5000}""");

        var failed = await Until(id, "FAILED");
        var (status, problem, _) = await _host.Client.SendJsonAsync(HttpMethod.Put, $"api/cancel/{id}", headers: Bearer(LocalHostProcess.AliceToken));

        Assert.That(failed.GetProperty("statusReason").GetString(), Does.Contain("limit"));
        Assert.That(status, Is.EqualTo(409));
        Assert.That(problem.GetProperty("detail").GetString(), Does.Contain("never placed"));
        Assert.That(await AppDatabase.ScalarAsync(_host, "SELECT COUNT(*) FROM payments WHERE order_id = @id", ("@id", id)), Is.Zero);
    }

    [Test]
    public async Task Cancelling_before_delivery_refunds_the_payment_and_ends_cancelled()
    {
        var id = await Place("""{"Item":"lamp","Amount":30}""");

        var (status, _, _) = await _host.Client.SendJsonAsync(HttpMethod.Put, $"api/cancel/{id}", headers: Bearer(LocalHostProcess.AliceToken));
        var cancelled = await Until(id, "CANCELLED");
        var (again, problem, _) = await _host.Client.SendJsonAsync(HttpMethod.Put, $"api/cancel/{id}", headers: Bearer(LocalHostProcess.AliceToken));

        Assert.That(status, Is.EqualTo(202));
        Assert.That(cancelled.GetProperty("statusReason").GetString(), Does.Contain("alice@example.com"));
        Assert.That(again, Is.EqualTo(409));
        Assert.That(problem.GetProperty("detail").GetString(), Does.Contain("already cancelled"));
        var captured = await AppDatabase.ScalarAsync(_host, "SELECT COUNT(*) FROM payments WHERE order_id = @id", ("@id", id));
        var refunded = await AppDatabase.ScalarAsync(_host, "SELECT COUNT(*) FROM payments WHERE order_id = @id AND refunded = 1", ("@id", id));
        Assert.That(refunded, Is.EqualTo(captured), "a captured payment is refunded");
    }

    [Test]
    public async Task Another_customers_order_is_404_to_read_and_to_cancel_exactly_as_one_that_does_not_exist()
    {
        var id = await Place("""{"Item":"ring","Amount":20}""");
        var missing = "ORD9999997";

        var (read, readProblem, _) = await _host.Client.SendJsonAsync(HttpMethod.Get, $"api/order/{id}", headers: Bearer(LocalHostProcess.BobToken));
        var (cancel, cancelProblem, _) = await _host.Client.SendJsonAsync(HttpMethod.Put, $"api/cancel/{id}", headers: Bearer(LocalHostProcess.BobToken));
        var (_, unknownProblem, _) = await _host.Client.SendJsonAsync(HttpMethod.Get, $"api/order/{missing}", headers: Bearer(LocalHostProcess.BobToken));
        var own = await Order(id);

        Assert.That((read, cancel), Is.EqualTo((404, 404)));
        Assert.That(readProblem.GetProperty("detail").GetString(), Is.EqualTo(unknownProblem.GetProperty("detail").GetString()!.Replace(missing, id, StringComparison.Ordinal)));
        Assert.That(cancelProblem.GetProperty("detail").GetString(), Is.EqualTo(readProblem.GetProperty("detail").GetString()));
        Assert.That(own.GetProperty("status").GetString(), Is.Not.EqualTo("CANCELLED"), "Bob's cancel changed nothing");
    }

    [Test]
    public async Task The_status_link_handed_to_the_customer_reads_that_order_alone_and_nothing_else()
    {
        var (_, accepted, response) = await _host.Client.SendJsonAsync(HttpMethod.Post, "api/order", """{"Item":"map","Amount":2}""", Bearer(LocalHostProcess.AliceToken));
        var other = await Place("""{"Item":"globe","Amount":2}""");
        var link = new Uri(accepted.GetProperty("statusQueryGetUri").GetString()!);
        using var anonymous = new HttpClient();

        using var status = await anonymous.GetAsync(link);
        using var elsewhere = await anonymous.GetAsync(new Uri(link.ToString().Replace(accepted.GetProperty("id").GetString()!, other, StringComparison.Ordinal)));
        using var terminate = await anonymous.PostAsync(new Uri(link.GetLeftPart(UriPartial.Path) + "/terminate" + link.Query), null);

        Assert.That(response.Headers.Location, Is.EqualTo(link));
        Assert.That(link.Query, Does.StartWith("?code=").And.Not.Contain(LocalHostProcess.OperatorKey));
        Assert.That((int)status.StatusCode, Is.AnyOf(200, 202));
        Assert.That((int)elsewhere.StatusCode, Is.EqualTo(403));
        Assert.That((int)terminate.StatusCode, Is.EqualTo(403));
    }

    [Test]
    public async Task An_order_in_transit_can_still_be_cancelled()
    {
        var id = await Place("""{"Item":"chair","Amount":40}""");
        await Until(id, "IN_TRANSIT");

        var (status, _, _) = await _host.Client.SendJsonAsync(HttpMethod.Put, $"api/cancel/{id}", headers: Bearer(LocalHostProcess.AliceToken));
        var cancelled = await Until(id, "CANCELLED");

        Assert.That(status, Is.EqualTo(202));
        Assert.That(cancelled.GetProperty("statusReason").GetString(), Does.Contain("refunded"));
        Assert.That(await AppDatabase.ScalarAsync(_host, "SELECT COUNT(*) FROM payments WHERE order_id = @id AND refunded = 1", ("@id", id)), Is.EqualTo(1));
    }

    [Test]
    public async Task A_completed_order_cannot_be_cancelled()
    {
        var id = await Place("""{"Item":"pen","Amount":1}""");
        await Until(id, "COMPLETED");

        var (status, problem, _) = await _host.Client.SendJsonAsync(HttpMethod.Put, $"api/cancel/{id}", headers: Bearer(LocalHostProcess.AliceToken));

        Assert.That(status, Is.EqualTo(409));
        Assert.That(problem.GetProperty("detail").GetString(), Does.Contain("already completed"));
    }

    [Test]
    public async Task The_workflow_status_and_history_are_served_by_the_management_api()
    {
        var id = await Place("""{"Item":"cup","Amount":3}""");
        await Until(id, "COMPLETED");

        var (status, instance, _) = await Eventually.Get(
            () => _host.Client.SendJsonAsync(HttpMethod.Get, $"runtime/webhooks/durabletask/instances/{id}?showHistory=true"),
            result => result.Status == 200, what: "the workflow to complete");

        Assert.That(status, Is.EqualTo(200));
        Assert.That(instance.GetProperty("runtimeStatus").GetString(), Is.EqualTo("Completed"));
        Assert.That(instance.GetProperty("output").GetProperty("status").GetString(), Is.EqualTo("COMPLETED"));
        var functions = instance.GetProperty("historyEvents").EnumerateArray()
            .Where(e => e.GetProperty("EventType").GetString() == "TaskScheduled")
            .Select(e => e.GetProperty("FunctionName").GetString()).ToList();
        Assert.That(functions, Does.Contain("ChargePayment").And.Contain("EnqueueOrderDispatch"));
        Assert.That(instance.GetProperty("historyEvents").EnumerateArray().Select(e => e.GetProperty("EventType").GetString()), Does.Contain("TimerFired").And.Contain("EventRaised"));
    }

    [Test]
    public async Task Tokens_are_required_and_checked()
    {
        Assert.That((await _host.Client.SendJsonAsync(HttpMethod.Post, "api/order", """{"Item":"x","Amount":1}""")).Status, Is.EqualTo(401));
        Assert.That((await _host.Client.SendJsonAsync(HttpMethod.Post, "api/order", """{"Item":"x","Amount":1}""", Bearer("stolen"))).Status, Is.EqualTo(403));
        Assert.That((await _host.Client.SendJsonAsync(HttpMethod.Get, "api/order/ORD0000001")).Status, Is.EqualTo(401));
        Assert.That((await _host.Client.SendJsonAsync(HttpMethod.Put, "api/cancel/ORD0000001", headers: Bearer("stolen"))).Status, Is.EqualTo(403));
    }

    [TestCase("""{"Amount":1}""", "item")]
    [TestCase("""{"Item":"x","Amount":0}""", "amount")]
    [TestCase("""{"item":"x","amount":"ten"}""", "amount")]
    [TestCase("""{"Item":"x","Amount":1,"Description":5}""", "description")]
    [TestCase("not json", "body")]
    public async Task Bad_orders_are_400_naming_the_field_and_create_nothing(string json, string field)
    {
        var before = await AppDatabase.ScalarAsync(_host, "SELECT COUNT(*) FROM orders");

        var (status, problem, _) = await _host.Client.SendJsonAsync(HttpMethod.Post, "api/order", json, Bearer(LocalHostProcess.AliceToken));

        Assert.That(status, Is.EqualTo(400));
        Assert.That(problem.GetProperty("errors").TryGetProperty(field, out _), Is.True, problem.ToString());
        Assert.That(await AppDatabase.ScalarAsync(_host, "SELECT COUNT(*) FROM orders"), Is.EqualTo(before));
    }

    [TestCase("ORD9999998")]
    [TestCase("nonsense")]
    public async Task Unknown_orders_are_404(string id)
    {
        Assert.That((await _host.Client.SendJsonAsync(HttpMethod.Get, $"api/order/{id}", headers: Bearer(LocalHostProcess.AliceToken))).Status, Is.EqualTo(404));
        Assert.That((await _host.Client.SendJsonAsync(HttpMethod.Put, $"api/cancel/{id}", headers: Bearer(LocalHostProcess.AliceToken))).Status, Is.EqualTo(404));
    }

    [Test]
    public async Task A_retried_order_with_the_same_idempotency_key_gets_the_first_answer_and_places_one_order()
    {
        var key = "retry-" + Guid.NewGuid().ToString("N");
        var item = "kettle-" + Guid.NewGuid().ToString("N")[..8];
        var json = $$"""{"Item":"{{item}}","Amount":25}""";
        void Keyed(System.Net.Http.Headers.HttpRequestHeaders headers)
        {
            Bearer(LocalHostProcess.AliceToken)(headers);
            headers.Add("Idempotency-Key", key);
        }

        var answers = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => _host.Client.SendJsonAsync(HttpMethod.Post, "api/order", json, Keyed)));
        var id = answers[0].Body.GetProperty("orderId").GetString()!;
        var (other, problem, _) = await _host.Client.SendJsonAsync(HttpMethod.Post, "api/order", """{"Item":"kettle","Amount":26}""", Keyed);
        await Until(id, "COMPLETED");

        Assert.Multiple(async () =>
        {
            Assert.That(answers.Select(a => a.Status), Is.All.EqualTo(202));
            Assert.That(answers.Select(a => a.Body.GetProperty("orderId").GetString()), Is.All.EqualTo(id), "the same answer each time");
            Assert.That(other, Is.EqualTo(422));
            Assert.That(problem.GetProperty("detail").GetString(), Does.Contain(key));
            Assert.That(await AppDatabase.ScalarAsync(_host, "SELECT COUNT(*) FROM orders WHERE item = @item", ("@item", (object)item)), Is.EqualTo(1));
            Assert.That(await AppDatabase.ScalarAsync(_host, "SELECT COUNT(*) FROM payments WHERE order_id = @id", ("@id", id)), Is.EqualTo(1));
        });
    }
}

[NonParallelizable]
public sealed class OrderPaymentRetryTests
{
    [Test]
    public async Task Transient_payment_failures_are_retried_with_backoff_and_the_order_completes()
    {
        await using var host = await LocalHostProcess.StartAsync(new Dictionary<string, string>
        {
            ["Orders__DeliveryDelay"] = "00:00:01",
            ["Orders__Payment__TransientFailures"] = "2",
            ["Orders__Payment__FirstRetryInterval"] = "00:00:00.300",
        });
        var (_, accepted, _) = await host.Client.SendJsonAsync(HttpMethod.Post, "api/order", """{"Item":"retry","Amount":10}""", Bearer(LocalHostProcess.AliceToken));
        var id = accepted.GetProperty("orderId").GetString();

        var (_, instance, _) = await Eventually.Get(
            () => host.Client.SendJsonAsync(HttpMethod.Get, $"runtime/webhooks/durabletask/instances/{id}?showHistory=true"),
            result => result.Status == 200, what: "the order workflow to end");

        var history = instance.GetProperty("historyEvents").EnumerateArray().ToList();
        Assert.That(instance.GetProperty("output").GetProperty("status").GetString(), Is.EqualTo("COMPLETED"));
        Assert.That(history.Count(e => e.GetProperty("EventType").GetString() == "TaskFailed"), Is.EqualTo(2));
        var timers = history.Where(e => e.GetProperty("EventType").GetString() == "TimerCreated").Select(e => e.GetProperty("FireAt").GetDateTimeOffset()).ToList();
        Assert.That(timers, Has.Count.GreaterThanOrEqualTo(2), "retries wait on durable timers");
        Assert.That(await AppDatabase.ScalarAsync(host, "SELECT COUNT(*) FROM payments WHERE order_id = @id", ("@id", id!)), Is.EqualTo(1));
    }
}
