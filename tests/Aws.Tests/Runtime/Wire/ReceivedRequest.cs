namespace Portable.Aws.Tests.Runtime.Wire;

/// <summary>A request as the scripted server read it off the wire.</summary>
public sealed record ReceivedRequest(string Method, string Target, IReadOnlyDictionary<string, string> Headers, byte[] Body);
