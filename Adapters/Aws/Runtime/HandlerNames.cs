namespace Portable.Adapters.Aws.Runtime;

/// <summary>The <c>_HANDLER</c> values (the SAM <c>Handler</c> property of a <c>provided.al2023</c> function).</summary>
public static class HandlerNames
{
    /// <summary>API Gateway proxy events (HTTP API payload 2.0, REST API 1.0) onto Core's route table.</summary>
    public const string Api = "api";

    /// <summary>The seed's token authorizer: HTTP API simple responses, IAM policies for REST and 1.0 authorizers.</summary>
    public const string Authorizer = "authorizer";

    /// <summary>The management API's authorizer: operator keys and per-instance status codes, never customers' tokens.</summary>
    public const string OperatorAuthorizer = "operator-authorizer";

    /// <summary>SQS batches, routed by queue name, answered with <c>batchItemFailures</c>.</summary>
    public const string Queue = "queue";

    /// <summary>The one-minute EventBridge schedule: order dispatch and the durable sweep.</summary>
    public const string Schedule = "schedule";

    public static IReadOnlyList<string> All { get; } = [Api, Authorizer, OperatorAuthorizer, Queue, Schedule];
}
