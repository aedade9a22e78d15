namespace Portable.Core.Tests.Observations;

/// <summary>What a fake handler saw of one request; the body is read eagerly because the request is disposed after sending.</summary>
internal sealed record RecordedRequest(HttpMethod Method, Uri Uri, string? Authorization, string? Accept, string? Body);
