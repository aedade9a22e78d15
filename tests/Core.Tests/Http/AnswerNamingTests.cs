using System.Text.Json.Nodes;
using Portable.Core.Http;
using Portable.Tests.Support;

namespace Portable.Core.Tests.Http;

/// <summary>
/// Every answer the route table documents names its properties in camelCase, and the error-log routes in seed 001's
/// snake_case; the hosts' own tests walk the real answers with the same rule (<see cref="AnswerNaming"/>).
/// </summary>
public sealed class AnswerNamingTests
{
    private static IEnumerable<ApiRoute> AllRoutes() => CoreRoutes.Table.Routes;

    [TestCaseSource(nameof(AllRoutes))]
    public void Every_documented_answer_names_its_properties_by_the_routes_rule(ApiRoute route)
    {
        var offenders = ApiDocumentation.ResponsesOf(route)
            .Where(response => response.Body is not null)
            .SelectMany(response => PropertyNames(ApiDocumentation.SchemaOf(response.Body!), $"{response.Status} $")
                .Where(name => AnswerNaming.Offenders(route.Name, $$"""{"{{name.Property}}":0}""").Count > 0)
                .Select(name => name.Path));

        Assert.That(offenders, Is.Empty);
    }

    [Test]
    public void A_PascalCase_property_is_found_at_any_depth()
    {
        Assert.That(AnswerNaming.Offenders("GetOrder", """{"orderId":"ORD1","lines":[{"item":"a","Price":1}]}"""), Is.EqualTo(new[] { "$.lines[0].Price" }));
    }

    [Test]
    public void The_error_log_routes_are_held_to_snake_case()
    {
        Assert.That(AnswerNaming.Offenders("GetErrorLogs", """[{"device_id":"a","errorNumber":1}]"""), Is.EqualTo(new[] { "$[0].errorNumber" }));
    }

    [Test]
    public void The_keys_of_a_problems_errors_name_fields_and_headers_not_properties()
    {
        Assert.That(AnswerNaming.Offenders("PlaceOrder", """{"title":"bad","errors":{"Idempotency-Key":["x"]}}"""), Is.Empty);
    }

    private static IEnumerable<(string Path, string Property)> PropertyNames(JsonNode? schema, string path)
    {
        switch (schema)
        {
            case JsonObject node:
                foreach (var (key, value) in node)
                {
                    if (key == "properties" && value is JsonObject properties)
                    {
                        foreach (var (name, property) in properties)
                        {
                            yield return ($"{path}.{name}", name);
                            if (name == "historyEvents")
                            {
                                continue; // Durable Functions' own names, as AnswerNaming leaves them
                            }

                            foreach (var inner in PropertyNames(property, $"{path}.{name}"))
                            {
                                yield return inner;
                            }
                        }
                    }
                    else
                    {
                        foreach (var inner in PropertyNames(value, path))
                        {
                            yield return inner;
                        }
                    }
                }

                break;
            case JsonArray array:
                foreach (var item in array)
                {
                    foreach (var inner in PropertyNames(item, path))
                    {
                        yield return inner;
                    }
                }

                break;
        }
    }
}
