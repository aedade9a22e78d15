namespace Portable.Core.Tests.Observations;

/// <summary>
/// What a fake handler saw of one request, and when by the test's clock. The body is read eagerly because
/// the request is disposed after sending.
/// </summary>
internal sealed record RecordedRequest(DateTimeOffset At, HttpMethod Method, Uri Uri, string? Authorization, string? Accept, string? Body);
