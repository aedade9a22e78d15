using System.Text;
using Portable.Core.ErrorLogs;
using Portable.Core.Http;
using Portable.Core.Orders;
using Portable.Core.Quality;
using Portable.Core.Validation;
using Portable.Core.Workflows;

namespace Portable.Core.Tests.Access;

/// <summary>Credentials, per-instance codes, links and text that cannot be read, in Core alone.</summary>
public sealed class AccessTests
{
    private static readonly AccessOptions Options = new()
    {
        OrderTokenList = "tok-1=alice@example.com;tok-2=bob@example.com",
        LabKey = "lab-key",
        ManagementKeyList = "operator-key-0001;operator-key-0002",
        LinkSecret = "link-secret-00001",
    };

    private static ApiRequest Request(Dictionary<string, string>? headers = null, Dictionary<string, string>? query = null) => new()
    {
        Method = "GET",
        Path = "x",
        BaseUri = new Uri("http://evil.example:1234"),
        Headers = new Dictionary<string, string>(headers ?? [], StringComparer.OrdinalIgnoreCase),
        Query = new Dictionary<string, string>(query ?? [], StringComparer.OrdinalIgnoreCase),
    };

    [Test]
    public void Either_operator_key_opens_operator_routes_in_the_header_or_the_query()
    {
        var authenticator = new ApiAuthenticator(Options);

        Assert.That(authenticator.Authenticate(AuthPolicy.Operator, Request(new() { ["x-functions-key"] = "operator-key-0002" })).Role, Is.EqualTo(CallerRole.Operator));
        Assert.That(authenticator.Authenticate(AuthPolicy.Operator, Request(query: new() { ["code"] = "operator-key-0001" })).Role, Is.EqualTo(CallerRole.Operator));
        Assert.That(authenticator.Authenticate(AuthPolicy.Operator, Request(new() { ["Authorization"] = "Bearer tok-1" })).StatusCode, Is.EqualTo(403));
        Assert.That(authenticator.Authenticate(AuthPolicy.Operator, Request()).StatusCode, Is.EqualTo(401));
    }

    [Test]
    public void A_customers_token_speaks_for_the_customer_even_beside_an_operator_key()
    {
        var authenticator = new ApiAuthenticator(Options);

        var both = authenticator.Authenticate(AuthPolicy.OrdersBearer, Request(new() { ["Authorization"] = "Bearer tok-2", ["x-functions-key"] = "operator-key-0001" }));

        Assert.That((both.Role, both.Identity), Is.EqualTo((CallerRole.Customer, "bob@example.com")));
    }

    [Test]
    public void Without_management_keys_no_key_opens_operator_routes()
    {
        var authenticator = new ApiAuthenticator(Options with { ManagementKeyList = null });

        Assert.That(authenticator.Authenticate(AuthPolicy.Operator, Request(new() { ["x-functions-key"] = "" + "operator-key-0001" })).StatusCode, Is.EqualTo(403));
    }

    [Test]
    public void An_instance_code_verifies_for_its_own_instance_only_and_only_with_the_secret_that_made_it()
    {
        var codes = new InstanceCodes(Options);
        var code = codes.For("ORD0000001")!;

        Assert.That(codes.Verify("ORD0000001", code), Is.True);
        Assert.That(codes.Verify("ORD0000002", code), Is.False);
        Assert.That(new InstanceCodes(Options with { LinkSecret = "another-secret-0001" }).Verify("ORD0000001", code), Is.False);
        Assert.That(codes.Verify("ORD0000001", code[..^1] + (code[^1] == 'A' ? 'B' : 'A')), Is.False);
        Assert.That(new InstanceCodes(Options with { LinkSecret = null }).For("ORD0000001"), Is.Null);
    }

    [Test]
    public void A_handed_out_link_carries_the_instance_code_on_the_public_base_and_no_operator_key()
    {
        var links = new InstanceLinks(Options with { PublicBaseUrl = "https://api.example.com/ignored/path" }, new InstanceCodes(Options)).For(Request(), "ORD0000001");
        var all = string.Join(" ", links.StatusQueryGetUri, links.SendEventPostUri, links.TerminatePostUri, links.SuspendPostUri, links.ResumePostUri, links.PurgeHistoryDeleteUri);

        Assert.That(links.StatusQueryGetUri, Is.EqualTo("https://api.example.com/runtime/webhooks/durabletask/instances/ORD0000001?code=" + new InstanceCodes(Options).For("ORD0000001")));
        Assert.That(all, Does.Not.Contain("evil.example").And.Not.Contain("operator-key"));
        Assert.That(links.TerminatePostUri, Does.Not.Contain("code="));
    }

    [Test]
    public void The_order_answer_has_the_links_at_the_top_level_as_durable_functions_clients_read_them()
    {
        var accepted = OrderAccepted.Of("ok", WorkflowLinks.For(new Uri("https://api.example.com"), "ORD0000001"));
        var json = System.Text.Json.JsonDocument.Parse(System.Text.Json.JsonSerializer.Serialize(accepted, OrdersJsonContext.Default.OrderAccepted)).RootElement;

        Assert.That(json.GetProperty("statusQueryGetUri").GetString(), Does.EndWith("/instances/ORD0000001"));
        Assert.That(json.GetProperty("id").GetString(), Is.EqualTo("ORD0000001"));
        Assert.That(json.GetProperty("orderId").GetString(), Is.EqualTo("ORD0000001"));
        Assert.That(json.TryGetProperty("links", out _), Is.False);
    }

    private static readonly byte[] InvalidUtf8 = [0xC3, 0x28];

    private static byte[] Json(string before, byte[] middle, string after) => [.. Encoding.UTF8.GetBytes(before), .. middle, .. Encoding.UTF8.GetBytes(after)];

    [Test]
    public void Text_that_cannot_be_read_is_a_validation_error_naming_the_field()
    {
        Assert.Multiple(() =>
        {
            Assert.That(Field(() => NewOrder.Parse(Encoding.UTF8.GetBytes("""{"Item":"\ud800","Amount":1}"""))), Is.EqualTo("Item"));
            Assert.That(Field(() => NewOrder.Parse(Json("""{"Item":"a""", InvalidUtf8, "\",\"Amount\":1}"))), Is.EqualTo("Item"));
            Assert.That(Field(() => NewOrder.Parse(Encoding.UTF8.GetBytes("""{"\udc00":"x","Amount":1}"""))), Is.EqualTo("body"));
            Assert.That(Field(() => ErrorLogParser.Parse(Json("""{"device_id":"a""", InvalidUtf8, "\",\"error_number\":1,\"time_stamp\":1}"))), Is.EqualTo("device_id"));
            Assert.That(Field(() => ErrorLogParser.Parse(Encoding.UTF8.GetBytes("""[{"\ud800x":1}]"""))), Is.EqualTo("[0]").Or.EqualTo("body"));
            Assert.That(Field(() => SampleParser.Parse(Encoding.UTF8.GetBytes("""{"sampleId":"\udfff"}"""))), Is.EqualTo("sampleId"));
            Assert.That(Field(() => SampleParser.Parse(Json("[{\"", InvalidUtf8, "\":1}]"))), Is.EqualTo("[0]").Or.EqualTo("body"));
            Assert.That(Field(() => SampleParser.Parse(Encoding.UTF8.GetBytes("""{"\udc00":1}"""))), Is.EqualTo("body"));
        });
    }

    private static string Field(Action parse)
    {
        var exception = Assert.Throws<ValidationException>(() => parse())!;
        return exception.Errors.Keys.First();
    }
}
