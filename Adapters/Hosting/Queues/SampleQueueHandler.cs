using System.Text;
using Portable.Core.Messaging;
using Portable.Core.Quality;

namespace Portable.Adapters.Hosting.Queues;

/// <summary>
/// Samples arriving on the <c>qc-samples</c> queue: one message holds one sample or a batch, exactly the
/// body <c>POST /api/samples</c> takes. A bad message throws, so it is retried and ends in the dead-letter queue.
/// </summary>
public sealed class SampleQueueHandler(SampleIntake intake)
{
    public async Task HandleAsync(ReceivedMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        var batch = SampleParser.Parse(Encoding.UTF8.GetBytes(message.Body));
        foreach (var sample in batch.Samples)
        {
            await intake.SubmitAsync(sample, cancellationToken);
        }
    }
}
