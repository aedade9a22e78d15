namespace Portable.Adapters.Aws.Api;

/// <summary>Which proxy payload format an event is in.</summary>
public enum PayloadFormat
{
    /// <summary>REST API events, and HTTP API events of 1.0 integrations.</summary>
    V1,

    /// <summary>HTTP API events of 2.0 integrations.</summary>
    V2,
}
