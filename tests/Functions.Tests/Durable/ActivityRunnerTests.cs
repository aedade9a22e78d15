using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Portable.Core.Orders;
using Portable.Core.Workflows;
using Portable.Functions.Durable;
using Portable.Functions.Tests.Doubles;
using Portable.Tests.Support;

namespace Portable.Functions.Tests.Durable;

/// <summary>The activity trigger's runner: Core's typed activities get their own input type, or fail saying what they were given.</summary>
public sealed class ActivityRunnerTests
{
    private const string Name = "EchoCharge";

    private readonly ActivityRunner _runner = new(
        new WorkflowRegistry().AddActivity<PaymentCharge, string>(Name, (_, charge, _) => Task.FromResult(charge.ChargeId)),
        Payloads.Converter,
        new CapturingLogger<ActivityRunner>());

    [Test]
    public async Task AnInputOfTheActivitysTypeRunsIt()
    {
        var result = await RunAsync(new PaymentCharge("ORD0000001:charge", "ORD0000001", 12));

        Assert.That(Payloads.Read<string>(result.Output), Is.EqualTo("ORD0000001:charge"));
    }

    [Test]
    public async Task AnInputOfAnotherTypeFailsTheActivityNamingTheTypeItTakesAndWhatItWasGiven()
    {
        var result = await RunAsync("ORD0000001");

        Assert.Multiple(() =>
        {
            Assert.That(result.Failure!.ErrorType, Is.EqualTo(typeof(DataTypeMismatchException).FullName));
            Assert.That(result.Failure.ErrorMessage, Does.Contain(typeof(PaymentCharge).FullName).And.Contain("a JSON String"));
        });
    }

    private async Task<ActivityResult> RunAsync(object input)
    {
        using var services = new ServiceCollection().BuildServiceProvider();
        var json = JsonDocument.Parse(Payloads.Converter.Serialize(input)!).RootElement.Clone();
        return await _runner.RunAsync(Name, new ActivityCall(1, 1, json), new FakeFunctionContext(services));
    }
}
