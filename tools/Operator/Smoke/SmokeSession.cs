using System.Globalization;
using System.Text.Json;
using Portable.Operator.Api;

namespace Portable.Operator.Smoke;

/// <summary>
/// One smoke run against one host: its client, credentials, the run's id (which names everything it creates, so two
/// runs never meet and what it made can be found again), what it started (to purge at the end), and how long a flow
/// may take to reach its end.
/// </summary>
internal sealed class SmokeSession(ApiClient api, ManagementClient management, SmokeCredentials credentials, string runId, TimeSpan timeout)
{
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(250);
    private readonly List<string> _started = [];

    public ApiClient Api => api;

    public ManagementClient Management => management;

    public SmokeCredentials Credentials => credentials;

    public string RunId => runId;

    /// <summary>The workflow instances the run started, in order.</summary>
    public IReadOnlyList<string> Started => _started;

    public void Record(string instanceId)
    {
        lock (_started)
        {
            if (!_started.Contains(instanceId))
            {
                _started.Add(instanceId);
            }
        }
    }

    public static string NewRunId(TimeProvider time) =>
        "smoke-" + time.GetUtcNow().ToString("yyyyMMddHHmmss", CultureInfo.InvariantCulture) + "-" + Convert.ToHexStringLower(Guid.NewGuid().ToByteArray()[..3]);

    /// <summary>A request whose status must be <paramref name="expected"/>; the answer's body, or a failure naming both.</summary>
    public async Task<JsonElement?> ExpectAsync(
        int expected, HttpMethod method, string path, Credential credential, string? json, CancellationToken cancellationToken)
    {
        var answer = await api.SendAsync(method, path, credential, json, cancellationToken: cancellationToken);
        return answer.Status == expected
            ? answer.Body
            : throw new SmokeFailure($"{method} {path.Split('?')[0]} answered {answer.Problem()}, expected {expected}");
    }

    /// <summary>
    /// Reads <paramref name="path"/> until <paramref name="done"/> holds of its answer; the last answer is a failure's
    /// evidence. Bounded by the run's --timeout, not by a count of tries, so a slow host is waited for.
    /// </summary>
    public async Task<JsonElement> UntilAsync(
        string path, Credential credential, Func<JsonElement, bool> done, string what, CancellationToken cancellationToken)
    {
        using var bounded = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        bounded.CancelAfter(timeout);
        ApiAnswer? last = null;
        try
        {
            while (true)
            {
                last = await api.SendAsync(HttpMethod.Get, path, credential, cancellationToken: bounded.Token);
                if (last.Status == 200 && last.Body is { } body && done(body))
                {
                    return body;
                }

                if (last.Status is 401 or 403 or 404)
                {
                    throw new SmokeFailure($"GET {path.Split('?')[0]} answered {last.Problem()} while waiting for {what}");
                }

                await Task.Delay(PollInterval, bounded.Token);
            }
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new SmokeFailure($"{what} did not happen within {timeout.TotalSeconds:0} s; last answer: {Describe(last)}");
        }
    }

    private static string Describe(ApiAnswer? answer) => answer switch
    {
        null => "none",
        { Body: { } body } => $"{answer.Status} {Clip(body.GetRawText())}",
        _ => answer.Status.ToString(CultureInfo.InvariantCulture),
    };

    private static string Clip(string text) => text.Length <= 300 ? text : text[..300] + "...";
}
