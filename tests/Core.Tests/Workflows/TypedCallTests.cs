using Portable.Core.Orders;
using Portable.Core.Quality;
using Portable.Core.Workflows;

namespace Portable.Core.Tests.Workflows;

/// <summary>Typed activities and workflows take only their own input type, and the typed references register them under their names.</summary>
public sealed class TypedCallTests
{
    private static readonly ActivityContext Context = new("Charge", "ORD0000001", 1, 1);

    private static readonly PaymentCharge Charge = new("ORD0000001:charge", "ORD0000001", 12);

    [Test]
    public void An_activity_given_another_type_fails_naming_the_type_it_takes_and_the_type_it_was_given()
    {
        IActivity activity = new EchoChargeActivity();

        var error = Assert.ThrowsAsync<DataTypeMismatchException>(() => activity.RunAsync(Context, new OrderStatusChange("ORD0000001", OrderStatus.Placed), CancellationToken.None));

        Assert.That(error!.Message, Does.Contain(typeof(PaymentCharge).FullName).And.Contain(typeof(OrderStatusChange).FullName));
    }

    [Test]
    public void A_workflow_given_another_type_fails_naming_the_type_it_takes_and_the_type_it_was_given()
    {
        IWorkflow workflow = new OrderWorkflow();

        var error = Assert.ThrowsAsync<DataTypeMismatchException>(() => workflow.RunAsync(null!, "ORD0000001"));

        Assert.That(error!.Message, Does.Contain(typeof(OrderInput).FullName).And.Contain(typeof(string).FullName));
    }

    [Test]
    public async Task An_activity_given_its_own_type_or_no_input_runs()
    {
        IActivity activity = new EchoChargeActivity();

        Assert.That(await activity.RunAsync(Context, Charge, CancellationToken.None), Is.EqualTo(Charge.ChargeId));
        Assert.That(await activity.RunAsync(Context, null, CancellationToken.None), Is.EqualTo("no charge"));
    }

    [TestCase("\"ORD0000001\"", "String")]
    [TestCase("[1, 2]", "Array")]
    [TestCase("{\"ChargeId\": 7}", "Object")]
    public void Json_that_cannot_be_read_as_the_type_names_the_type_and_the_kind_of_the_json(string json, string kind)
    {
        var converter = new JsonDataConverter([OrdersJsonContext.Default]);

        var error = Assert.Throws<DataTypeMismatchException>(() => converter.Deserialize(json, typeof(PaymentCharge)));

        Assert.That(error!.Message, Does.Contain(typeof(PaymentCharge).FullName).And.Contain($"a JSON {kind}"));
    }

    [Test]
    public void Text_that_is_not_json_is_named_as_such()
    {
        var converter = new JsonDataConverter([OrdersJsonContext.Default]);

        var error = Assert.Throws<DataTypeMismatchException>(() => converter.Deserialize<PaymentCharge>("{not json"));

        Assert.That(error!.Message, Does.Contain(typeof(PaymentCharge).FullName).And.Contain("not JSON"));
    }

    [Test]
    public void The_typed_registrations_register_every_workflow_and_activity_under_its_reference_name()
    {
        var registry = new WorkflowRegistry().AddOrderWorkflow().AddQualityWorkflow();
        string[] activities =
        [
            OrderActivities.Record.Name, OrderActivities.Charge.Name, OrderActivities.Refund.Name, OrderActivities.ChangeStatus.Name,
            OrderActivities.EnqueueDispatch.Name, QualityActivities.Check.Name, QualityActivities.StoreVerdict.Name,
            QualityActivities.Notify.Name, QualityActivities.RecordNotification.Name,
        ];
        string[] workflows = [OrderWorkflow.Reference.Name, QualityWorkflow.Reference.Name, QualityNotificationWorkflow.Reference.Name];

        Assert.Multiple(() =>
        {
            Assert.That(registry.ActivityNames, Is.EquivalentTo(activities));
            Assert.That(registry.WorkflowNames, Is.EquivalentTo(workflows));
        });
    }

    private sealed class EchoChargeActivity : Activity<PaymentCharge, string>
    {
        public override Task<string> RunAsync(ActivityContext context, PaymentCharge input, CancellationToken cancellationToken) =>
            Task.FromResult(input?.ChargeId ?? "no charge");
    }
}
