using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.Http;
using Microsoft.DurableTask.Client;
using Portable.Core.Dashboard;
using Portable.Core.Http;
using Portable.Core.Workflows;
using Portable.Functions.Durable;

namespace Portable.Functions.Http;

/// <summary>
/// Core's route table behind one catch-all HTTP trigger: Core's dispatcher matches the route, checks the
/// policy and answers, so routes, status codes and bodies exist once. Only prefixed routes are served; the
/// durable management API (Core's unprefixed routes) is the Durable Functions host's own on Azure, behind its system key.
/// The trigger asks for a function key (<c>x-functions-key</c> or <c>?code=</c>) before Core's own keys and tokens are
/// checked: two locks, the outer one Azure's. Its catch-all leaves out <c>dashboard</c> and what lies below it, which
/// <see cref="DashboardFunctions"/> serve: the Functions host tries HTTP routes in the order it registers them (by
/// function name), not the more specific first, so the routes must not overlap.
/// </summary>
public sealed class ApiFunction(ApiDispatcher dispatcher)
{
    public const string Name = "Api";

    /// <summary>Every path below the route prefix but the dashboard's (the constraint is a case-insensitive regular expression).</summary>
    public const string RouteTemplate = "{*" + HttpExchange.PathBindingName + ":regex(^(?!" + DashboardEndpoints.Root + "(\\W|$)))}";

    [Function(Name)]
    public async Task<HttpResponseData> RunAsync(
        [HttpTrigger(AuthorizationLevel.Function, "get", "post", "put", "patch", "delete", Route = RouteTemplate)] HttpRequestData request,
        [DurableClient] DurableTaskClient client,
        FunctionContext context)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(context);
        using var scope = DurableClientScope.Enter(client);
        var cancellationToken = context.CancellationToken;
        var apiRequest = await HttpExchange.ReadAsync(request, cancellationToken);
        var response = await dispatcher.DispatchAsync(apiRequest, cancellationToken, prefixed: true);
        response = ManagementLinks.Rewrite(response, instanceId => LinksFor(client, instanceId, request));
        return await HttpExchange.WriteAsync(request, response, cancellationToken);
    }

    internal static WorkflowLinks LinksFor(DurableTaskClient client, string instanceId, HttpRequestData request)
    {
        var payload = client.CreateHttpManagementPayload(instanceId, request);
        return new WorkflowLinks(
            payload.Id ?? instanceId,
            payload.StatusQueryGetUri!,
            payload.SendEventPostUri!,
            payload.TerminatePostUri!,
            payload.SuspendPostUri!,
            payload.ResumePostUri!,
            payload.PurgeHistoryDeleteUri!);
    }
}
