using Portable.Operator.Api;
using Portable.Operator.Cli;

namespace Portable.Operator.Smoke;

/// <summary>
/// <c>smoke</c>: runs seed 001's, 002's and 003's flows against a deployment with the credentials its clients hold,
/// prints a PASS or FAIL line per step, purges the instances it started, and exits 1 when any step did not pass.
/// </summary>
internal static class SmokeCommand
{
    public static VerbSpec Verb { get; } = new(
        "smoke",
        "Smoke-tests a deployment: error logs, orders and quality control end to end, then cleans up.",
        "smoke [--base-url URL] [--key KEY] [--write-key KEY] [--read-key KEY] [--token TOKEN] [--lab-key KEY] [--dev-keys] [--timeout DURATION] [--keep]",
        [
            .. Connection.Options,
            .. SmokeCredentials.Options,
            OptionSpec.Value("--timeout", "DURATION", "How long each flow may take to reach its end (default 5m: an order is delivered after Orders:DeliveryDelay)."),
            OptionSpec.Flag("--keep", "Leave the run's workflow instances in place (to look at them); purged by default."),
        ],
        RunAsync)
    {
        Notes =
        [
            "Everything it creates carries the run's id (smoke-<time>-<hex>): the device id, the sample ids, the orders' descriptions.",
            "The embedded host in Development: smoke --base-url http://localhost:7071 --dev-keys",
        ],
    };

    private static async Task<int> RunAsync(VerbContext context)
    {
        var connection = Connection.From(context.Arguments, context.Console, keyRequired: false);
        var credentials = SmokeCredentials.From(context.Arguments, context.Console, connection);
        var timeout = context.Arguments.Duration("--timeout") ?? TimeSpan.FromMinutes(5);
        using var api = ApiClient.Create(connection);
        var session = new SmokeSession(api, new ManagementClient(api, credentials.OperatorKey), credentials, SmokeSession.NewRunId(TimeProvider.System), timeout);
        var steps = new SmokeSteps(context.Out);
        var cancellationToken = context.CancellationToken;
        context.Out.WriteLine($"smoke {session.RunId} against {connection.BaseUrl}");

        // Everything is started before anything is waited for: the order's delivery takes longest, and runs meanwhile.
        var orders = new OrderSmoke(session, steps);
        var quality = new QualitySmoke(session, steps);
        await ErrorLogSmoke.RunAsync(session, steps, cancellationToken);
        await orders.StartAsync(cancellationToken);
        await quality.StartAsync(cancellationToken);
        await quality.FollowAsync(cancellationToken);
        await orders.FollowAsync(cancellationToken);
        if (context.Arguments.Flag("--keep"))
        {
            context.Out.WriteLine($"kept (--keep): {string.Join(", ", session.Started)} and the instances under qc-{session.RunId}");
        }
        else
        {
            await SmokeCleanup.RunAsync(session, steps, quality.InstancePrefix, cancellationToken);
        }

        steps.WriteSummary();
        return steps.Failed + steps.Skipped == 0 ? ExitCodes.Success : ExitCodes.Failed;
    }
}
