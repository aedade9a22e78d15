using Portable.Core.Http;

namespace Portable.Core.Workflows;

/// <summary>
/// The links a caller is handed for an instance, built on the configured public base URL (<c>Http:PublicBaseUrl</c>)
/// or, where none is configured, on the base the host vouches for. The status link carries the instance's own code
/// (<see cref="InstanceCodes"/>), never an operator key; the other links need an operator key of their own.
/// </summary>
public sealed class InstanceLinks(AccessOptions options, InstanceCodes codes)
{
    private readonly Uri? _publicBase = options.PublicBase();

    public Uri BaseFor(ApiRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return _publicBase ?? request.BaseUri;
    }

    public WorkflowLinks For(ApiRequest request, string instanceId)
    {
        var links = WorkflowLinks.For(BaseFor(request), instanceId);
        return codes.For(instanceId) is { } code
            ? links with { StatusQueryGetUri = $"{links.StatusQueryGetUri}?{ApiAuthenticator.CodeParameter}={code}" }
            : links;
    }
}
