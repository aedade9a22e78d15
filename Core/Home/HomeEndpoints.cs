using System.Net;
using System.Text;
using Portable.Core.Http;

namespace Portable.Core.Home;

/// <summary>
/// <c>GET /</c>: links to what the host serves (its dashboard, API reference, health), as JSON, or as a small page for a
/// browser (one that accepts <c>text/html</c>). Each host registers the <see cref="HomeLink"/>s it really serves.
/// </summary>
public sealed class HomeEndpoints(IEnumerable<HomeLink> links)
{
    private const string Name = "Portable Serverless";

    private readonly IReadOnlyList<HomeLink> _links = [.. links];

    public static IEnumerable<ApiRoute> Routes(Func<HomeEndpoints> endpoints)
    {
        yield return new ApiRoute("GetHome", "GET", "", AuthPolicy.Anonymous, LazyHandler.For(endpoints, e => e.GetAsync), Prefixed: false)
        {
            Summary = "Links to the dashboard, the API reference and health",
            Responses = [new(200, "The links this host serves; an HTML page when the caller accepts text/html.", ApiBodyDoc.Of(() => HomeJsonContext.Default.HomeAnswer))],
        };
    }

    private ValueTask<ApiResponse> GetAsync(ApiRequest request, CancellationToken cancellationToken) =>
        ValueTask.FromResult(AcceptsHtml(request.Header("Accept"))
            ? ApiResponse.Html(200, Page())
            : ApiResponse.Json(200, new HomeAnswer(Name, _links), HomeJsonContext.Default.HomeAnswer));

    private static bool AcceptsHtml(string? accept) =>
        accept is not null && accept.Split(',').Any(range => range.Split(';')[0].Trim().Equals("text/html", StringComparison.OrdinalIgnoreCase));

    private string Page()
    {
        var page = new StringBuilder()
            .Append("<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>").Append(Name).Append("</title></head><body><h1>")
            .Append(Name).Append("</h1><ul>");
        foreach (var link in _links)
        {
            page.Append("<li><a href=\"").Append(WebUtility.HtmlEncode(link.Href)).Append("\">").Append(WebUtility.HtmlEncode(link.Title)).Append("</a></li>");
        }

        return page.Append("</ul></body></html>").ToString();
    }
}
