using Portable.Adapters.Durable.History;

namespace Portable.Adapters.Durable.Store;

/// <summary>
/// An instance to create with its start message (visible at <see cref="StartAt"/>). For a
/// sub-orchestration, <see cref="OnConflict"/> is what the parent receives instead when the id is
/// taken by a running instance.
/// </summary>
public sealed record NewInstance(
    string InstanceId,
    string ExecutionId,
    ExecutionStarted Start,
    DateTimeOffset StartAt,
    OutboundMessage? OnConflict = null);
