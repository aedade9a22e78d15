using MySqlConnector;
using Portable.Adapters.Durable.History;
using Portable.Adapters.Durable.Store;
using Portable.Core.Workflows;

namespace Portable.Adapters.Durable.MySql;

/// <summary>The column lists the store selects and the records it reads from them.</summary>
internal static class DurableRows
{
    public const string InstanceColumns =
        "instance_id, execution_id, name, version, runtime_status, created_at, last_updated_at, completed_at, " +
        "parent_instance_id, failure_details, custom_status";

    public const string InstanceColumnsWithData = InstanceColumns + ", input, output";

    public const string ActivityColumns = "id, instance_id, execution_id, task_id, name, version, input, attempt";

    public static InstanceState Instance(MySqlDataReader reader, bool withData) =>
        new(
            reader.GetString(0),
            reader.GetString(1),
            reader.GetString(2),
            NullableString(reader, 3),
            (WorkflowRuntimeStatus)reader.GetInt32(4),
            FromTicks(reader.GetInt64(5)),
            FromTicks(reader.GetInt64(6)),
            reader.IsDBNull(7) ? null : FromTicks(reader.GetInt64(7)),
            NullableString(reader, 8),
            withData ? NullableString(reader, 11) : null,
            withData ? NullableString(reader, 12) : null,
            NullableString(reader, 10),
            HistorySerializer.DeserializeFailure(NullableString(reader, 9)));

    public static ActivityWorkItem Activity(MySqlDataReader reader) =>
        new(
            reader.GetInt64(0),
            reader.GetString(1),
            reader.GetString(2),
            reader.GetInt32(3),
            reader.GetString(4),
            NullableString(reader, 5),
            NullableString(reader, 6),
            reader.GetInt32(7));

    public static InboxMessage Message(MySqlDataReader reader) =>
        new(reader.GetInt64(0), NullableString(reader, 1), HistorySerializer.Deserialize(reader.GetString(2)));

    public static string? NullableString(MySqlDataReader reader, int ordinal) =>
        reader.IsDBNull(ordinal) ? null : reader.GetString(ordinal);

    public static DateTimeOffset FromTicks(long ticks) => new(ticks, TimeSpan.Zero);
}
