using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

namespace Portable.EndToEnd.Tests;

internal static class HttpTestExtensions
{
    public static async Task<(int Status, JsonElement Body, HttpResponseMessage Response)> SendJsonAsync(
        this HttpClient client, HttpMethod method, string path, string? json = null, Action<HttpRequestHeaders>? headers = null)
    {
        using var request = new HttpRequestMessage(method, new Uri(path, UriKind.Relative));
        if (json is not null)
        {
            request.Content = new StringContent(json, Encoding.UTF8, "application/json");
        }

        headers?.Invoke(request.Headers);
        var response = await client.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        var body = text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone();
        return ((int)response.StatusCode, body, response);
    }

    public static Action<HttpRequestHeaders> ApiKey(string key) => headers => headers.Add("x-api-key", key);

    public static Action<HttpRequestHeaders> Bearer(string token) => headers => headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
}
