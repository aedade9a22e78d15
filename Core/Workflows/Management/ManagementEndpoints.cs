using System.Globalization;
using System.Text.Json;
using Portable.Core.Http;
using Portable.Core.Validation;

namespace Portable.Core.Workflows.Management;

/// <summary>
/// The instance management API, after the Durable Functions HTTP API, served from the root under
/// <c>/runtime/webhooks/durabletask</c> by every host whose workflows run on the portable runtime.
/// </summary>
/// <remarks>
/// Every route takes an operator key; an instance's status also takes the per-instance code of the status link its
/// starter was handed. A start by name runs the workflow's <see cref="IWorkflowStartRule"/> first.
/// </remarks>
public sealed class ManagementEndpoints(IWorkflowClient workflows, InstanceLinks links, IEnumerable<IWorkflowStartRule> startRules, TimeProvider time)
{
    private readonly Dictionary<string, IWorkflowStartRule> _startRules =
        startRules.ToDictionary(rule => rule.WorkflowName, StringComparer.OrdinalIgnoreCase);

    public const string ContinuationHeader = "x-ms-continuation-token";

    /// <summary>
    /// The statuses a filter takes, written out: <c>Enum.GetNames</c> reads the enum's metadata by reflection, which native
    /// AOT pays in every cold start that builds the route table (about 0.6 ms). A test holds it to the enum.
    /// </summary>
    internal const string StatusNames = "Pending, Running, Completed, Failed, Terminated, Suspended, ContinuedAsNew";
    private const string Instances = WorkflowLinks.BasePath + "/instances";

    public static IEnumerable<ApiRoute> Routes(Func<ManagementEndpoints> endpoints)
    {
        ApiResponseDoc status = new(200, "The instance has ended.", ApiBodyDoc.Of(() => ManagementJsonContext.Default.InstanceStatusView));
        ApiResponseDoc accepted = new(202, "Accepted.");
        ApiResponseDoc missing = new(404, "No such instance.");
        ApiResponseDoc gone = new(410, "The instance has already ended.");
        ApiParameterDoc reason = new("reason", "Why, recorded with the instance.");
        ApiParameterDoc[] filters =
        [
            new("runtimeStatus", $"Comma-separated statuses: {StatusNames}."),
            new("createdTimeFrom", "ISO 8601 time; instances created at or after it."),
            new("createdTimeTo", "ISO 8601 time; instances created before it."),
        ];

        yield return Route("GetInstanceStatus", "GET", Instances + "/{id}", LazyHandler.For(endpoints, e => e.GetAsync), "An instance's status, input, output and custom status; its history with showHistory=true.") with
        {
            Policy = AuthPolicy.InstanceStatus,
            Query =
            [
                new("showHistory", "Include the execution's history events.", "boolean"),
                new("showHistoryOutput", "Include the results of history events.", "boolean"),
                new("showInput", "Include the input (default true).", "boolean"),
                new("returnInternalServerErrorOnFailure", "Answer 500 for a failed instance.", "boolean"),
            ],
            Responses =
            [
                status,
                new(202, "The instance is still running (Location repeats the status link).", ApiBodyDoc.Of(() => ManagementJsonContext.Default.InstanceStatusView)),
                missing,
                new(500, "The instance failed (only with returnInternalServerErrorOnFailure=true).", ApiBodyDoc.Of(() => ManagementJsonContext.Default.InstanceStatusView)),
            ],
        };
        yield return Route("ListInstances", "GET", Instances, LazyHandler.For(endpoints, e => e.ListAsync), "Instances filtered by runtimeStatus, createdTimeFrom/To, instanceIdPrefix; paged by x-ms-continuation-token.") with
        {
            Query = [.. filters, new("instanceIdPrefix", "Only ids that start with this."), new("name", "Only workflows whose name starts with this."), new("top", $"Page size, 1 to {WorkflowQuery.MaxPageSize} (default 100).", "integer"), new("showInput", "Include inputs (default true).", "boolean")],
            Responses = [new(200, "Oldest created first; a continuation token header when there is more.", ApiBodyDoc.Of(() => ManagementJsonContext.Default.IReadOnlyListInstanceStatusView))],
        };
        yield return Route("RaiseInstanceEvent", "POST", Instances + "/{id}/raiseEvent/{eventName}", LazyHandler.For(endpoints, e => e.RaiseEventAsync), "Sends an event (the JSON body) to an instance.") with
        {
            Request = ApiBodyDoc.AnyJson("The event's payload: any JSON value."),
            Responses = [accepted, missing, gone],
        };
        yield return Route("TerminateInstance", "POST", Instances + "/{id}/terminate", LazyHandler.For(endpoints, e => (request, cancellationToken) => e.ControlAsync(request, Control.Terminate, cancellationToken)), "Ends a running instance.") with
        {
            Query = [reason, new("recursive", "Also terminate its running sub-orchestrations.", "boolean")],
            Responses = [accepted, missing, gone],
        };
        yield return Route("SuspendInstance", "POST", Instances + "/{id}/suspend", LazyHandler.For(endpoints, e => (request, cancellationToken) => e.ControlAsync(request, Control.Suspend, cancellationToken)), "Pauses an instance; its events wait.") with
        {
            Query = [reason],
            Responses = [accepted, missing, gone],
        };
        yield return Route("ResumeInstance", "POST", Instances + "/{id}/resume", LazyHandler.For(endpoints, e => (request, cancellationToken) => e.ControlAsync(request, Control.Resume, cancellationToken)), "Resumes a suspended instance.") with
        {
            Query = [reason],
            Responses = [accepted, missing, gone],
        };
        yield return Route("RestartInstance", "POST", Instances + "/{id}/restart", LazyHandler.For(endpoints, e => e.RestartAsync), "Starts an ended instance again with the same input, under the same id unless restartWithNewInstanceId=true.") with
        {
            Query = [new("restartWithNewInstanceId", "Start under a new instance id (default false: the same id).", "boolean")],
            Responses =
            [
                new(202, "Started; follow it through the links (also in Location).", ApiBodyDoc.Of(() => ManagementJsonContext.Default.WorkflowLinks)),
                missing,
                new(409, "The instance has not ended, or the workflow's own rules refuse the start."),
            ],
        };
        yield return Route("PurgeInstance", "DELETE", Instances + "/{id}", LazyHandler.For(endpoints, e => e.PurgeAsync), "Deletes an ended instance and its history.") with
        {
            Responses = [new(200, "Deleted.", ApiBodyDoc.Of(() => ManagementJsonContext.Default.PurgeResult)), missing, new(409, "The instance has not ended; terminate it first.")],
        };
        yield return Route("PurgeInstances", "DELETE", Instances, LazyHandler.For(endpoints, e => e.PurgeManyAsync), "Deletes ended instances created in a time range (runtimeStatus, createdTimeFrom, createdTimeTo).") with
        {
            Query = filters,
            Responses = [new(200, "Deleted.", ApiBodyDoc.Of(() => ManagementJsonContext.Default.PurgeResult)), new(404, "No ended instance matched.")],
        };
        yield return Route("StartWorkflow", "POST", WorkflowLinks.BasePath + "/orchestrators/{name}", LazyHandler.For(endpoints, e => e.StartAsync), "Starts a workflow by name with the JSON body as input.") with
        {
            Request = ApiBodyDoc.AnyJson("The workflow's input: any JSON value."),
            Responses = [new(202, "Started; follow it through the links (also in Location).", ApiBodyDoc.Of(() => ManagementJsonContext.Default.WorkflowLinks)), new(409, "The workflow's own rules refuse the start (an order id that is taken).")],
        };
        yield return Route("StartWorkflowWithId", "POST", WorkflowLinks.BasePath + "/orchestrators/{name}/{id}", LazyHandler.For(endpoints, e => e.StartAsync), "Starts a workflow by name under the given instance id.") with
        {
            Request = ApiBodyDoc.AnyJson("The workflow's input: any JSON value."),
            Responses = [new(202, "Started; follow it through the links (also in Location).", ApiBodyDoc.Of(() => ManagementJsonContext.Default.WorkflowLinks)), new(409, "An instance with this id is running.")],
        };
    }

    private enum Control
    {
        Terminate,
        Suspend,
        Resume,
    }

    private static ApiRoute Route(string name, string method, string template, ApiHandler handler, string summary) =>
        new(name, method, template, AuthPolicy.Operator, handler, Prefixed: false) { Summary = summary };

    private async ValueTask<ApiResponse> GetAsync(ApiRequest request, CancellationToken cancellationToken)
    {
        var showHistory = Flag(request, "showHistory", false);
        var instance = await workflows.GetInstanceAsync(request.Route("id"), getInputsAndOutputs: true, getHistory: showHistory, cancellationToken)
            ?? throw new NotFoundException($"Instance '{request.Route("id")}' does not exist.");
        var view = InstanceStatusView.Of(instance, Flag(request, "showInput", true), showHistory, Flag(request, "showHistoryOutput", false));
        var status = instance.RuntimeStatus switch
        {
            WorkflowRuntimeStatus.Pending or WorkflowRuntimeStatus.Running or WorkflowRuntimeStatus.Suspended or WorkflowRuntimeStatus.ContinuedAsNew => 202,
            WorkflowRuntimeStatus.Failed when Flag(request, "returnInternalServerErrorOnFailure", false) => 500,
            _ => 200,
        };
        var response = ApiResponse.Json(status, view, ManagementJsonContext.Default.InstanceStatusView);
        return status == 202 ? response.WithHeader("Location", links.For(request, instance.InstanceId).StatusQueryGetUri) : response;
    }

    private async ValueTask<ApiResponse> ListAsync(ApiRequest request, CancellationToken cancellationToken)
    {
        var errors = new ValidationErrors();
        var query = new WorkflowQuery
        {
            Statuses = Statuses(request, errors),
            CreatedFrom = Time(request, "createdTimeFrom", errors),
            CreatedTo = Time(request, "createdTimeTo", errors),
            InstanceIdPrefix = request.QueryValue("instanceIdPrefix"),
            NamePrefix = request.QueryValue("name") is { Length: > 0 } name ? name : null,
            PageSize = Top(request, errors),
            ContinuationToken = request.Header(ContinuationHeader),
            FetchInputsAndOutputs = Flag(request, "showInput", true),
        };
        errors.ThrowIfAny();
        var page = await workflows.QueryAsync(query, cancellationToken);
        var views = page.Instances.Select(instance => InstanceStatusView.Of(instance, query.FetchInputsAndOutputs, false, false)).ToList();
        var response = ApiResponse.Json<IReadOnlyList<InstanceStatusView>>(200, views, ManagementJsonContext.Default.IReadOnlyListInstanceStatusView);
        return page.ContinuationToken is null ? response : response.WithHeader(ContinuationHeader, page.ContinuationToken);
    }

    private async ValueTask<ApiResponse> RaiseEventAsync(ApiRequest request, CancellationToken cancellationToken)
    {
        var payload = JsonBody(request);
        if (await RequireRunningAsync(request, cancellationToken) is { } gone)
        {
            return gone;
        }

        await workflows.RaiseEventAsync(request.Route("id"), request.Route("eventName"), payload, cancellationToken);
        return ApiResponse.Empty(202);
    }

    private async ValueTask<ApiResponse> ControlAsync(ApiRequest request, Control control, CancellationToken cancellationToken)
    {
        if (await RequireRunningAsync(request, cancellationToken) is { } gone)
        {
            return gone;
        }

        var id = request.Route("id");
        var reason = request.QueryValue("reason");
        await (control switch
        {
            Control.Terminate => workflows.TerminateAsync(id, reason, Flag(request, "recursive", false), cancellationToken),
            Control.Suspend => workflows.SuspendAsync(id, reason, cancellationToken),
            _ => workflows.ResumeAsync(id, reason, cancellationToken),
        });
        return ApiResponse.Empty(202);
    }

    private async ValueTask<ApiResponse> PurgeAsync(ApiRequest request, CancellationToken cancellationToken)
    {
        var instance = await workflows.GetInstanceAsync(request.Route("id"), cancellationToken: cancellationToken)
            ?? throw new NotFoundException($"Instance '{request.Route("id")}' does not exist.");
        if (!instance.IsCompleted)
        {
            throw new ConflictException($"Instance '{instance.InstanceId}' is {instance.RuntimeStatus}; only ended instances can be purged. Terminate it first.");
        }

        var deleted = await workflows.PurgeAsync(instance.InstanceId, cancellationToken);
        return ApiResponse.Json(200, new PurgeResult(deleted), ManagementJsonContext.Default.PurgeResult);
    }

    private async ValueTask<ApiResponse> PurgeManyAsync(ApiRequest request, CancellationToken cancellationToken)
    {
        var errors = new ValidationErrors();
        var statuses = Statuses(request, errors);
        var before = Time(request, "createdTimeTo", errors) ?? time.GetUtcNow();
        errors.ThrowIfAny();
        var deleted = await workflows.PurgeAsync(new WorkflowPurgeFilter(before, statuses), cancellationToken);
        return deleted == 0
            ? ApiResponse.Problem(ProblemDetails.For(404, "Not found.", "No ended instance matched."))
            : ApiResponse.Json(200, new PurgeResult(deleted), ManagementJsonContext.Default.PurgeResult);
    }

    private async ValueTask<ApiResponse> StartAsync(ApiRequest request, CancellationToken cancellationToken)
    {
        var input = JsonBody(request);
        request.RouteValues.TryGetValue("id", out var requestedId);
        if (_startRules.TryGetValue(request.Route("name"), out var rule))
        {
            await rule.CheckAsync(input, requestedId, cancellationToken);
        }

        var id = await workflows.ScheduleNewAsync(request.Route("name"), input, new StartWorkflowOptions(requestedId), cancellationToken);
        var started = links.For(request, id);
        return ApiResponse.Json(202, started, ManagementJsonContext.Default.WorkflowLinks).WithHeader("Location", started.StatusQueryGetUri);
    }

    /// <summary>
    /// Durable Task's restart: the same workflow with the input it was first given, under the same id (as
    /// <c>DurableTaskClient.RestartAsync</c> does by default) or a new one. Only an ended instance restarts, and the
    /// workflow's start rule still applies, so a restart cannot do what a start by name may not.
    /// </summary>
    private async ValueTask<ApiResponse> RestartAsync(ApiRequest request, CancellationToken cancellationToken)
    {
        var instance = await workflows.GetInstanceAsync(request.Route("id"), getInputsAndOutputs: true, cancellationToken: cancellationToken)
            ?? throw new NotFoundException($"Instance '{request.Route("id")}' does not exist.");
        if (!instance.IsCompleted)
        {
            throw new ConflictException($"Instance '{instance.InstanceId}' is {instance.RuntimeStatus}; only an ended instance can be restarted.");
        }

        var input = InstanceStatusView.Json(instance.SerializedInput);
        string? id = Flag(request, "restartWithNewInstanceId", false) ? null : instance.InstanceId;
        if (_startRules.TryGetValue(instance.Name, out var rule))
        {
            await rule.CheckAsync(input, id, cancellationToken);
        }

        var started = links.For(request, await workflows.ScheduleNewAsync(instance.Name, input, new StartWorkflowOptions(id), cancellationToken));
        return ApiResponse.Json(202, started, ManagementJsonContext.Default.WorkflowLinks).WithHeader("Location", started.StatusQueryGetUri);
    }

    /// <summary>An ended instance takes no more events or commands: 410, as the Durable Functions API answers.</summary>
    private async Task<ApiResponse?> RequireRunningAsync(ApiRequest request, CancellationToken cancellationToken)
    {
        var instance = await workflows.GetInstanceAsync(request.Route("id"), cancellationToken: cancellationToken)
            ?? throw new NotFoundException($"Instance '{request.Route("id")}' does not exist.");
        return instance.IsCompleted
            ? ApiResponse.Problem(ProblemDetails.For(410, "Gone.", $"Instance '{instance.InstanceId}' has already ended ({instance.RuntimeStatus})."))
            : null;
    }

    /// <summary>The body as JSON, or null when there is none; event payloads and workflow inputs may be any JSON value.</summary>
    private static JsonElement? JsonBody(ApiRequest request)
    {
        if (request.Body.IsEmpty)
        {
            return null;
        }

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(request.Body);
        }
        catch (JsonException exception)
        {
            throw new ValidationException("body", $"is not valid JSON: {exception.Message}");
        }

        using (document)
        {
            JsonText.ThrowIfInvalid(document.RootElement);
            return document.RootElement.Clone();
        }
    }

    private static bool Flag(ApiRequest request, string name, bool fallback) =>
        request.QueryValue(name) is { } text && bool.TryParse(text, out var value) ? value : fallback;

    private static IReadOnlyCollection<WorkflowRuntimeStatus>? Statuses(ApiRequest request, ValidationErrors errors)
    {
        if (request.QueryValue("runtimeStatus") is not { Length: > 0 } text)
        {
            return null;
        }

        var statuses = new List<WorkflowRuntimeStatus>();
        foreach (var part in text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (Enum.TryParse<WorkflowRuntimeStatus>(part, ignoreCase: true, out var status) && Enum.IsDefined(status))
            {
                statuses.Add(status);
            }
            else
            {
                errors.Add("runtimeStatus", $"'{part}' is not one of {StatusNames}.");
            }
        }

        return statuses;
    }

    private static DateTimeOffset? Time(ApiRequest request, string name, ValidationErrors errors)
    {
        if (request.QueryValue(name) is not { Length: > 0 } text)
        {
            return null;
        }

        if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var value))
        {
            return value;
        }

        errors.Add(name, "must be an ISO 8601 time.");
        return null;
    }

    private static int Top(ApiRequest request, ValidationErrors errors)
    {
        if (request.QueryValue("top") is not { Length: > 0 } text)
        {
            return 100;
        }

        if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var top) && top is >= 1 and <= WorkflowQuery.MaxPageSize)
        {
            return top;
        }

        errors.Add("top", $"must be an integer from 1 to {WorkflowQuery.MaxPageSize}.");
        return 100;
    }
}
