using Microsoft.DurableTask.Client;
using Portable.Core.Workflows;

namespace Portable.Functions.Tests.Engine;

/// <summary>
/// The parts of Core's workflow surface the order and QC pipelines do not use, on Microsoft's Durable Task engine through
/// the real adapter: sub-orchestrations, continue-as-new, custom status as the app's management API reads it, and the
/// engine's own replay check. The same scenarios as the embedded runtime's tests (<c>tests/Durable.Tests/SubOrchestrations</c>,
/// <c>ContinueAsNew</c>, <c>Determinism</c>). Not here: events carried into the next execution by continue-as-new.
/// durabletask-dotnet carries them by sending them to the instance itself beside the continue-as-new, and the in-process
/// engine's sidecar drops what arrives for an execution it is replacing (the instance then waits for ever).
/// </summary>
public sealed class WorkflowFeatureTests
{
    private static readonly Dictionary<string, string?> NoSettings = [];

    [Test]
    [CancelAfter(60_000)]
    public async Task A_sub_orchestrations_output_is_returned_to_its_parent_under_the_child_id_the_parent_chose(CancellationToken cancellationToken)
    {
        await using var host = await EngineHost.StartAsync(NoSettings, register: RegisterParentAndChild, cancellationToken: cancellationToken);

        var id = await host.Service<IWorkflowClient>().ScheduleNewAsync("Parent", "ok", cancellationToken: cancellationToken);
        var parent = await host.CompletionAsync(id, cancellationToken);
        var child = await host.Client.GetInstanceAsync(id + ":child", getInputsAndOutputs: true, cancellationToken);

        Assert.Multiple(() =>
        {
            Assert.That(parent.RuntimeStatus, Is.EqualTo(OrchestrationRuntimeStatus.Completed));
            Assert.That(host.Read<string>(parent.SerializedOutput), Is.EqualTo("child said OK"));
            Assert.That((child!.Name, child.RuntimeStatus, host.Read<string>(child.SerializedOutput)), Is.EqualTo(("Child", OrchestrationRuntimeStatus.Completed, "OK")));
            Assert.That(host.History.Actions(id, "CreateSubOrchestration"), Is.EqualTo(1));
        });
    }

    [Test]
    [CancelAfter(60_000)]
    public async Task A_failed_sub_orchestration_reaches_its_parent_as_Cores_SubOrchestrationFailedException(CancellationToken cancellationToken)
    {
        await using var host = await EngineHost.StartAsync(NoSettings, register: RegisterParentAndChild, cancellationToken: cancellationToken);

        var id = await host.Service<IWorkflowClient>().ScheduleNewAsync("Parent", "fail", cancellationToken: cancellationToken);
        var parent = await host.CompletionAsync(id, cancellationToken);
        var child = await host.Client.GetInstanceAsync(id + ":child", getInputsAndOutputs: true, cancellationToken);

        Assert.Multiple(() =>
        {
            Assert.That(parent.RuntimeStatus, Is.EqualTo(OrchestrationRuntimeStatus.Failed));
            Assert.That(parent.FailureDetails!.ErrorType, Is.EqualTo(typeof(SubOrchestrationFailedException).FullName));
            Assert.That(parent.FailureDetails.ErrorMessage, Does.Contain("Child"));
            Assert.That(child!.RuntimeStatus, Is.EqualTo(OrchestrationRuntimeStatus.Failed));
            Assert.That(child.FailureDetails!.ErrorMessage, Is.EqualTo("child refused"));
        });
    }

    [Test]
    [CancelAfter(60_000)]
    public async Task An_eternal_counter_continues_as_new_with_new_input_and_a_fresh_history(CancellationToken cancellationToken)
    {
        await using var host = await EngineHost.StartAsync(NoSettings, register: registry => registry
            .AddWorkflow<int, int>("Counter", async (context, value) =>
            {
                var next = await context.CallActivityAsync<int>("Increment", value);
                context.SetCustomStatus(next);
                if (next < 5)
                {
                    context.ContinueAsNew(next);
                }

                return next;
            })
            .AddActivity<int, int>("Increment", (_, value, _) => Task.FromResult(value + 1)), cancellationToken: cancellationToken);

        var id = await host.Service<IWorkflowClient>().ScheduleNewAsync("Counter", 0, cancellationToken: cancellationToken);
        var result = await host.CompletionAsync(id, cancellationToken);

        Assert.Multiple(() =>
        {
            Assert.That(result.RuntimeStatus, Is.EqualTo(OrchestrationRuntimeStatus.Completed));
            Assert.That(host.Read<int>(result.SerializedOutput), Is.EqualTo(5));
            Assert.That(host.Read<int>(result.SerializedInput), Is.EqualTo(4), "the last execution's input");
            Assert.That(host.History.ActivityRuns(id, "Increment"), Is.EqualTo(5), "one step per execution");
            Assert.That(host.History.Actions(id, "CompleteOrchestration"), Is.EqualTo(5), "four continued as new, the last completed");
        });
    }

    [Test]
    [CancelAfter(60_000)]
    public async Task Custom_status_reads_through_the_apps_workflow_client_as_the_workflow_set_it(CancellationToken cancellationToken)
    {
        await using var host = await EngineHost.StartAsync(NoSettings, register: registry => registry
            .AddWorkflow<string?, string>("Stepper", async (context, _) =>
            {
                context.SetCustomStatus(new Dictionary<string, string> { ["step"] = "waiting" });
                var go = await context.WaitForExternalEvent<string>("go");
                context.SetCustomStatus(new Dictionary<string, string> { ["step"] = go });
                return go;
            }), cancellationToken: cancellationToken);
        var workflows = host.Service<IWorkflowClient>();

        var id = await workflows.ScheduleNewAsync("Stepper", cancellationToken: cancellationToken);
        await host.WaitUntilAsync(id, instance => instance.SerializedCustomStatus is not null, cancellationToken);
        var waiting = await workflows.GetInstanceAsync(id, getInputsAndOutputs: true, cancellationToken: cancellationToken);
        await workflows.RaiseEventAsync(id, "go", "done", cancellationToken);
        var ended = await workflows.WaitForCompletionAsync(id, cancellationToken);

        Assert.Multiple(() =>
        {
            Assert.That((waiting!.RuntimeStatus, waiting.SerializedCustomStatus), Is.EqualTo((WorkflowRuntimeStatus.Running, """{"step":"waiting"}""")));
            Assert.That((ended.RuntimeStatus, ended.SerializedCustomStatus), Is.EqualTo((WorkflowRuntimeStatus.Completed, """{"step":"done"}""")));
            Assert.That(ended.ReadCustomStatusAs<Dictionary<string, string>>(host.Converter), Is.EqualTo(new Dictionary<string, string> { ["step"] = "done" }));
        });
    }

    [Test]
    [CancelAfter(60_000)]
    public async Task Orchestrator_code_that_schedules_another_activity_on_replay_is_failed_by_the_engine_as_non_deterministic(CancellationToken cancellationToken)
    {
        // The code changes under a running instance, as a deployment would change it.
        var firstActivity = "ReserveStock";
        await using var host = await EngineHost.StartAsync(NoSettings, register: registry => registry
            .AddWorkflow<string?, string>("Checkout", async (context, _) =>
            {
                await context.CallActivityAsync<string>(firstActivity, "order-1");
                return await context.WaitForExternalEvent<string>("confirm");
            })
            .AddActivity<string, string>("ReserveStock", (_, order, _) => Task.FromResult($"reserved {order}"))
            .AddActivity<string, string>("ChargeCard", (_, order, _) => Task.FromResult($"charged {order}")), cancellationToken: cancellationToken);
        var workflows = host.Service<IWorkflowClient>();

        var id = await workflows.ScheduleNewAsync("Checkout", cancellationToken: cancellationToken);
        await host.Logs.WaitForAsync(
            entry => entry.Category == EngineHistory.WorkerCategory && entry.Message.StartsWith($"{id}: Sending success response for 'ReserveStock#", StringComparison.Ordinal),
            cancellationToken);
        firstActivity = "ChargeCard";
        await workflows.RaiseEventAsync(id, "confirm", "yes", cancellationToken);
        var result = await host.CompletionAsync(id, cancellationToken);

        Assert.Multiple(() =>
        {
            Assert.That(result.RuntimeStatus, Is.EqualTo(OrchestrationRuntimeStatus.Failed));
            Assert.That(result.FailureDetails!.ErrorType, Does.Contain("NonDeterministic"));
            Assert.That(result.FailureDetails.ErrorMessage, Does.Contain("ReserveStock"));
        });
    }

    private static void RegisterParentAndChild(WorkflowRegistry registry) => registry
        .AddWorkflow<string, string>("Parent", async (context, input) =>
        {
            var reply = await context.CallSubOrchestratorAsync<string>("Child", input, new SubOrchestrationOptions(context.InstanceId + ":child"));
            return $"child said {reply}";
        })
        .AddWorkflow<string, string>("Child", async (context, input) =>
        {
            var upper = await context.CallActivityAsync<string>("Upper", input);
            return upper == "FAIL" ? throw new InvalidOperationException("child refused") : upper;
        })
        .AddActivity<string, string>("Upper", (_, input, _) => Task.FromResult(input.ToUpperInvariant()));
}
