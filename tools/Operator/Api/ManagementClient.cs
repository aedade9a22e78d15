using System.Text.Json;
using Portable.Operator.Cli;

namespace Portable.Operator.Api;

/// <summary>
/// The Durable Functions HTTP API of a host (<c>/runtime/webhooks/durabletask</c>) with the operator key. Every refusal
/// becomes an <see cref="OperatorException"/> whose exit code says what kind it was.
/// </summary>
public sealed class ManagementClient(ApiClient api, string operatorKey)
{
    public const string BasePath = "runtime/webhooks/durabletask";

    private readonly Credential _key = Credential.Operator(operatorKey);

    public ApiClient Api => api;

    /// <summary>One page of instances, and the token of the next page when there is one.</summary>
    public async Task<(IReadOnlyList<JsonElement> Instances, string? ContinuationToken)> ListAsync(
        InstanceQuery query, string? continuationToken, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        var headers = continuationToken is null ? null : new Dictionary<string, string> { [ApiClient.ContinuationHeader] = continuationToken };
        var answer = await api.SendAsync(HttpMethod.Get, $"{BasePath}/instances{query.QueryString()}", _key, headers: headers, cancellationToken: cancellationToken);
        Require(answer, "list instances");
        return ([.. JsonFields.Items(answer.Body)], answer.ContinuationToken);
    }

    public async Task<JsonElement> GetAsync(string instanceId, bool showHistory, CancellationToken cancellationToken)
    {
        var query = showHistory ? "?showHistory=true&showHistoryOutput=true&showInput=true" : "?showInput=true";
        var answer = await api.SendAsync(HttpMethod.Get, $"{Instance(instanceId)}{query}", _key, cancellationToken: cancellationToken);

        // 202 is a running instance and 500 a failed one asked for with returnInternalServerErrorOnFailure: both carry the status.
        if (answer.Body is { ValueKind: JsonValueKind.Object } body && answer.Status is 200 or 202)
        {
            return body;
        }

        Require(answer, $"read instance '{instanceId}'", instanceId);
        throw new OperatorException(ExitCodes.Unavailable, $"Reading instance '{instanceId}' answered {answer.Status} without a status.");
    }

    public async Task RaiseEventAsync(string instanceId, string eventName, string? json, CancellationToken cancellationToken)
    {
        var answer = await api.SendAsync(HttpMethod.Post, $"{Instance(instanceId)}/raiseEvent/{Uri.EscapeDataString(eventName)}", _key, json ?? "null", cancellationToken: cancellationToken);
        Require(answer, $"raise '{eventName}' on '{instanceId}'", instanceId);
    }

    /// <summary>terminate, suspend or resume, with the reason recorded.</summary>
    public async Task ControlAsync(string instanceId, string operation, string? reason, CancellationToken cancellationToken)
    {
        var query = string.IsNullOrEmpty(reason) ? "" : "?reason=" + Uri.EscapeDataString(reason);
        var answer = await api.SendAsync(HttpMethod.Post, $"{Instance(instanceId)}/{operation}{query}", _key, cancellationToken: cancellationToken);
        Require(answer, $"{operation} '{instanceId}'", instanceId);
    }

    /// <summary>Deletes one ended instance and its history; false when it was already gone.</summary>
    public async Task<bool> PurgeAsync(string instanceId, CancellationToken cancellationToken)
    {
        var answer = await api.SendAsync(HttpMethod.Delete, Instance(instanceId), _key, cancellationToken: cancellationToken);
        if (answer.Status == 404)
        {
            return false;
        }

        Require(answer, $"purge '{instanceId}'", instanceId);
        return true;
    }

    /// <summary>
    /// Restarts an ended instance with its input (under a new id the host picks when <paramref name="newId"/>); null when
    /// the host has no restart route but the instance exists, as on a Durable Functions host.
    /// </summary>
    public async Task<JsonElement?> RestartAsync(string instanceId, bool newId, CancellationToken cancellationToken)
    {
        var path = $"{Instance(instanceId)}/restart" + (newId ? "?restartWithNewInstanceId=true" : "");
        var answer = await api.SendAsync(HttpMethod.Post, path, _key, cancellationToken: cancellationToken);
        if (answer.Status == 404)
        {
            // Tells a missing instance (the read fails with its own 404) from a host without the route.
            await GetAsync(instanceId, showHistory: false, cancellationToken);
            return null;
        }

        Require(answer, $"restart '{instanceId}'", instanceId);
        return answer.Body ?? throw new OperatorException(ExitCodes.Unavailable, $"Restarting '{instanceId}' answered {answer.Status} without the instance's id.");
    }

    /// <summary>Starts a workflow by name, under <paramref name="instanceId"/> when given; the answer's links.</summary>
    public async Task<JsonElement> StartAsync(string name, string? instanceId, string? json, CancellationToken cancellationToken)
    {
        var path = $"{BasePath}/orchestrators/{Uri.EscapeDataString(name)}" + (instanceId is null ? "" : "/" + Uri.EscapeDataString(instanceId));
        var answer = await api.SendAsync(HttpMethod.Post, path, _key, json ?? "null", cancellationToken: cancellationToken);
        Require(answer, $"start '{name}'");
        return answer.Body ?? throw new OperatorException(ExitCodes.Unavailable, $"Starting '{name}' answered {answer.Status} without the new instance's id.");
    }

    private static string Instance(string instanceId) => $"{BasePath}/instances/{Uri.EscapeDataString(instanceId)}";

    private static void Require(ApiAnswer answer, string what, string? instanceId = null)
    {
        if (answer.IsSuccess)
        {
            return;
        }

        var code = ApiClient.Classify(answer.Status);
        var message = code switch
        {
            ExitCodes.AuthRefused => $"Cannot {what}: the operator key was refused ({answer.Problem()}).",
            ExitCodes.NotFound when instanceId is not null => $"Cannot {what}: no instance '{instanceId}' ({answer.Problem()}).",
            _ => $"Cannot {what}: {answer.Problem()}.",
        };
        throw new OperatorException(code, message);
    }
}
