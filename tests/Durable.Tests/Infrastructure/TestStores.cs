namespace Portable.Durable.Tests.Infrastructure;

/// <summary>The stores every durable semantics fixture runs on (<c>[TestFixtureSource]</c>).</summary>
public static class TestStores
{
    public const string Sqlite = "Sqlite";
    public const string MySql = "MySql";

    public static IEnumerable<string> All { get; } = [Sqlite, MySql];
}
