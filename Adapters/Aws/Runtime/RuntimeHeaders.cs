namespace Portable.Adapters.Aws.Runtime;

/// <summary>The header names of the Lambda Runtime API (version 2018-06-01).</summary>
public static class RuntimeHeaders
{
    public const string RequestId = "Lambda-Runtime-Aws-Request-Id";
    public const string Deadline = "Lambda-Runtime-Deadline-Ms";
    public const string FunctionArn = "Lambda-Runtime-Invoked-Function-Arn";
    public const string TraceId = "Lambda-Runtime-Trace-Id";
    public const string FunctionErrorType = "Lambda-Runtime-Function-Error-Type";

    /// <summary>The variable through which runtimes hand the trace header to SDKs and to the function's code.</summary>
    public const string TraceEnvironmentVariable = "_X_AMZN_TRACE_ID";
}
