namespace Portable.Adapters.Aws.Queues;

/// <summary>One message attribute of an <see cref="SqsRecord"/>, as the event source mapping passes it (string values only are read).</summary>
public sealed record SqsMessageAttribute(
    string? StringValue,
    string? DataType);
