using System.Text.Json.Serialization;

namespace Portable.Durable.Tests.Infrastructure;

public sealed record Greeting(string Name, int Times);

public sealed record CounterState(int Value, List<string> Seen);

[JsonSerializable(typeof(Greeting))]
[JsonSerializable(typeof(CounterState))]
[JsonSerializable(typeof(List<string>))]
[JsonSerializable(typeof(int[]))]
internal sealed partial class TestJsonContext : JsonSerializerContext;
