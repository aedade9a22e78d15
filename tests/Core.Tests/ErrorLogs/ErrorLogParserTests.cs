using System.Text;
using Portable.Core.ErrorLogs;
using Portable.Core.Validation;

namespace Portable.Core.Tests.ErrorLogs;

public sealed class ErrorLogParserTests
{
    private static IReadOnlyList<ErrorLog> Parse(string json) => ErrorLogParser.Parse(Encoding.UTF8.GetBytes(json));

    private static IReadOnlyDictionary<string, string[]> ErrorsOf(string json) =>
        Assert.Throws<ValidationException>(() => Parse(json))!.Errors;

    [Test]
    public void A_single_object_is_one_log()
    {
        var logs = Parse("""{"device_id":"dev-1","error_number":42,"time_stamp":1700000000}""");

        Assert.That(logs, Has.Count.EqualTo(1));
        Assert.That(logs[0].DeviceId, Is.EqualTo("dev-1"));
        Assert.That(logs[0].ErrorNumber, Is.EqualTo(42));
        Assert.That(logs[0].TimeStamp, Is.EqualTo(1700000000L));
    }

    [Test]
    public void An_array_keeps_its_order()
    {
        var logs = Parse("""[{"device_id":"a","error_number":1,"time_stamp":1},{"device_id":"b","error_number":-2,"time_stamp":9000000000}]""");

        Assert.That(logs.Select(log => log.DeviceId), Is.EqualTo(new[] { "a", "b" }));
        Assert.That(logs[1].TimeStamp, Is.EqualTo(9000000000L), "time stamps are 64-bit");
    }

    [Test]
    public void Sql_text_in_a_device_id_is_just_a_device_id()
    {
        var logs = Parse("""{"device_id":"'; DROP TABLE Logs; --","error_number":1,"time_stamp":1}""");

        Assert.That(logs[0].DeviceId, Is.EqualTo("'; DROP TABLE Logs; --"));
    }

    [TestCase("{", "body")]
    [TestCase("42", "body")]
    [TestCase("[]", "body")]
    [TestCase("""{"error_number":1,"time_stamp":1}""", "device_id")]
    [TestCase("""{"device_id":"a","time_stamp":1}""", "error_number")]
    [TestCase("""{"device_id":"a","error_number":1}""", "time_stamp")]
    [TestCase("""{"device_id":7,"error_number":1,"time_stamp":1}""", "device_id")]
    [TestCase("""{"device_id":"a","error_number":"1","time_stamp":1}""", "error_number")]
    [TestCase("""{"device_id":"a","error_number":1.5,"time_stamp":1}""", "error_number")]
    [TestCase("""{"device_id":"a","error_number":3000000000,"time_stamp":1}""", "error_number")]
    [TestCase("""{"device_id":"a","error_number":1,"time_stamp":-1}""", "time_stamp")]
    [TestCase("""{"device_id":"","error_number":1,"time_stamp":1}""", "device_id")]
    [TestCase("""{"device_id":"a","error_number":1,"time_stamp":1,"extra":true}""", "extra")]
    public void Bad_input_names_the_field(string json, string field)
    {
        Assert.That(ErrorsOf(json).Keys, Does.Contain(field));
    }

    [Test]
    public void A_device_id_over_255_characters_is_refused()
    {
        var json = $$"""{"device_id":"{{new string('x', 256)}}","error_number":1,"time_stamp":1}""";

        Assert.That(ErrorsOf(json).Keys, Does.Contain("device_id"));
        Assert.That(Parse(json.Replace(new string('x', 256), new string('x', 255), StringComparison.Ordinal)), Has.Count.EqualTo(1));
    }

    [Test]
    public void One_bad_record_refuses_the_whole_batch_and_names_its_index()
    {
        var errors = ErrorsOf("""[{"device_id":"a","error_number":1,"time_stamp":1},{"device_id":"b","error_number":1,"time_stamp":-5}]""");

        Assert.That(errors.Keys, Is.EquivalentTo(new[] { "[1].time_stamp" }));
    }

    [Test]
    public void A_batch_over_1000_is_refused()
    {
        var batch = "[" + string.Join(",", Enumerable.Repeat("""{"device_id":"a","error_number":1,"time_stamp":1}""", 1001)) + "]";

        Assert.That(ErrorsOf(batch).Keys, Does.Contain("body"));
        Assert.That(Parse(batch.Remove(1, """{"device_id":"a","error_number":1,"time_stamp":1},""".Length)), Has.Count.EqualTo(1000));
    }
}
