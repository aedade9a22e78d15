using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;
using Portable.Core.Http;

namespace Portable.Adapters.Local.Operability;

/// <summary>
/// Writes the OpenAPI document from Core's route table, and from nothing else: every route with its method, path,
/// parameters, body, answers and security scheme, as <see cref="ApiDocumentation"/> describes them. Endpoints that are
/// not part of the API (the dashboard, health, the development upstreams) are left out, so the document is exactly
/// the API every host serves. Schemas come from the JSON metadata that writes the bodies, so their names are the wire's.
/// </summary>
internal sealed class RouteTableDocumentTransformer(RouteTable routes, IConfiguration configuration) : IOpenApiDocumentTransformer
{
    private const string ProblemSchema = "ProblemDetails";

    public Task TransformAsync(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(document);
        var prefix = FunctionsStyleConfiguration.RoutePrefix(configuration);
        document.Info = new OpenApiInfo
        {
            Title = "Portable Serverless API",
            Version = "v1",
            Description = "Error logs, orders, quality control, observations and host metadata, with the Durable Functions style "
                + "workflow management API. The same routes are served by every host (embedded, AWS Lambda, Azure Functions). "
                + "Errors are RFC 9457 problem details.",
        };
        document.Components = new OpenApiComponents
        {
            Schemas = new Dictionary<string, IOpenApiSchema>(StringComparer.Ordinal) { [ProblemSchema] = OpenApiSchemas.From(ApiDocumentation.ProblemSchema(), document) },
            SecuritySchemes = SecuritySchemes(),
        };
        document.Paths = [];
        var documented = routes.Routes.Where(route => route.Documented).ToList();
        document.Tags = new HashSet<OpenApiTag>(documented.Select(route => route.Tag).Distinct().Select(tag => new OpenApiTag { Name = tag }));
        foreach (var group in documented.GroupBy(route => ApiDocumentation.PathOf(route, prefix), StringComparer.Ordinal))
        {
            var item = new OpenApiPathItem { Operations = [] };
            foreach (var route in group)
            {
                item.Operations[HttpMethod.Parse(route.Method)] = Operation(route, document);
            }

            document.Paths[group.Key] = item;
        }

        return Task.CompletedTask;
    }

    private static Dictionary<string, IOpenApiSecurityScheme> SecuritySchemes() => new(StringComparer.Ordinal)
    {
        [ApiDocumentation.ErrorLogsWriteKey] = new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.ApiKey,
            In = ParameterLocation.Header,
            Name = ApiAuthenticator.ApiKeyHeader,
            Description = "The error-log write key (ErrorLogs:WriteKey). Missing: 401; another key: 403.",
        },
        [ApiDocumentation.ErrorLogsReadKey] = new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.ApiKey,
            In = ParameterLocation.Header,
            Name = ApiAuthenticator.ApiKeyHeader,
            Description = "The error-log read key (ErrorLogs:ReadKey). Missing: 401; another key: 403.",
        },
        [ApiDocumentation.OrdersBearer] = new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.Http,
            Scheme = "bearer",
            Description = "A token of Orders:Tokens; an order's OrderedBy is the identity bound to the token that placed it, and only that identity (or an operator) sees the order.",
        },
        [ApiDocumentation.LabKey] = new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.ApiKey,
            In = ParameterLocation.Header,
            Name = ApiAuthenticator.ApiKeyHeader,
            Description = "The lab key (Quality:LabKey); an operator key is accepted too. Missing: 401; another key: 403.",
        },
        [ApiDocumentation.OperatorKey] = new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.ApiKey,
            In = ParameterLocation.Header,
            Name = ApiAuthenticator.FunctionsKeyHeader,
            Description = "An operator key (Management:Keys), also accepted as ?code=; an instance's status also takes the per-instance code of its status link. Missing: 401; another credential: 403.",
        },
    };

    private static OpenApiOperation Operation(ApiRoute route, OpenApiDocument document)
    {
        var operation = new OpenApiOperation
        {
            OperationId = route.Name,
            Summary = ApiDocumentation.TitleOf(route),
            Description = route.Summary,
            Tags = new HashSet<OpenApiTagReference> { new(route.Tag, document) },
            Parameters = [.. PathParameters(route), .. route.Query.Select(QueryParameter)],
            Responses = [],
        };
        if (route.Request is { } body)
        {
            operation.RequestBody = new OpenApiRequestBody
            {
                Required = true,
                Description = body.Description.Length > 0 ? body.Description : null,
                Content = Json(body, document, body.Example),
            };
        }

        foreach (var response in ApiDocumentation.ResponsesOf(route))
        {
            operation.Responses[response.Status.ToString(CultureInfo.InvariantCulture)] = new OpenApiResponse
            {
                Description = response.Description,
                Content = response.Body is { } content ? Json(content, document) : response.IsProblem ? Problem(document) : null,
            };
        }

        if (ApiDocumentation.SchemeOf(route.Policy) is { } scheme)
        {
            operation.Security = [new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(scheme, document)] = [] }];
        }

        return operation;
    }

    private static IEnumerable<IOpenApiParameter> PathParameters(ApiRoute route) =>
        ApiDocumentation.PathParameters(route).Select(name => new OpenApiParameter
        {
            Name = name,
            In = ParameterLocation.Path,
            Required = true,
            Description = ApiDocumentation.IsCatchAll(route, name) ? "The rest of the path; it may contain slashes." : null,
            Schema = new OpenApiSchema { Type = JsonSchemaType.String },
        });

    private static OpenApiParameter QueryParameter(ApiParameterDoc parameter) => new()
    {
        Name = parameter.Name,
        In = ParameterLocation.Query,
        Required = parameter.Required,
        Description = parameter.Description,
        Schema = new OpenApiSchema
        {
            Type = parameter.Type switch
            {
                "integer" => JsonSchemaType.Integer,
                "boolean" => JsonSchemaType.Boolean,
                _ => JsonSchemaType.String,
            },
        },
    };

    private static Dictionary<string, OpenApiMediaType> Json(ApiBodyDoc body, OpenApiDocument document, string? example = null) => new(StringComparer.Ordinal)
    {
        ["application/json"] = new OpenApiMediaType
        {
            Schema = OpenApiSchemas.From(ApiDocumentation.SchemaOf(body), document),
            Example = example is null ? null : JsonNode.Parse(example),
        },
    };

    private static Dictionary<string, OpenApiMediaType> Problem(OpenApiDocument document) => new(StringComparer.Ordinal)
    {
        ["application/problem+json"] = new OpenApiMediaType { Schema = new OpenApiSchemaReference(ProblemSchema, document) },
    };
}
