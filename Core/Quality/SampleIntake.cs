using Portable.Core.Validation;
using Portable.Core.Workflows;

namespace Portable.Core.Quality;

/// <summary>
/// Starts one quality workflow per sample, whether it came over HTTP or a queue. The instance id is
/// derived from the sample id, so a sample sent twice (a redelivered message) is checked once.
/// </summary>
public sealed class SampleIntake(IWorkflowClient workflows, QualityNotifierOptions options)
{
    public async Task<(string InstanceId, bool AlreadySubmitted)> SubmitAsync(SpectrumSample sample, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(sample);
        var instanceId = QualityWorkflow.InstanceIdFor(sample.SampleId);
        if (await workflows.GetInstanceAsync(instanceId, cancellationToken: cancellationToken) is not null)
        {
            return (instanceId, true);
        }

        try
        {
            await workflows.ScheduleNewAsync(
                QualityWorkflow.Reference,
                new QualityWorkflowInput(sample, options.MaxAttempts, options.FirstRetryInterval),
                new StartWorkflowOptions(instanceId),
                cancellationToken);
            return (instanceId, false);
        }
        catch (ConflictException)
        {
            // Another delivery of the same sample won the race.
            return (instanceId, true);
        }
    }
}
