using System.Text;
using Portable.Core.Quality;

namespace Portable.Core.Tests.Quality;

public sealed class SampleQueueConsumerTests
{
    [Test]
    public void Sample_ids_of_a_rejected_message_are_read_from_objects_and_arrays_alike()
    {
        Assert.Multiple(() =>
        {
            Assert.That(
                SampleQueueConsumer.SampleIds(Encoding.UTF8.GetBytes("""[{"sampleId":"S-1","absorbance":"x"},{"sampleId":"S-2"}]""")),
                Is.EqualTo(new[] { "S-1", "S-2" }));
            Assert.That(SampleQueueConsumer.SampleIds(Encoding.UTF8.GetBytes("""{"sampleId":"S-3"}""")), Is.EqualTo(new[] { "S-3" }));
            Assert.That(SampleQueueConsumer.SampleIds(Encoding.UTF8.GetBytes("[1, {\"sampleId\": 4}]")), Is.Empty);
            Assert.That(SampleQueueConsumer.SampleIds(Encoding.UTF8.GetBytes("not json")), Is.Empty);
        });
    }
}
