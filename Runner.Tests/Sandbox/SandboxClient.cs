using System.Net.Http.Json;
using System.Text.Json;
using Runner.Tools.AdoSandbox;

namespace Runner.Tests.Sandbox;

/// <summary>A plain HttpClient against a sandbox, with the two paging loops a real ADO client needs.</summary>
internal sealed class SandboxClient : IDisposable
{
    private readonly HttpClient _http;

    public SandboxClient(AdoSandboxHost host, HttpMessageHandler? handler = null)
    {
        _http = handler is null ? new HttpClient() : new HttpClient(handler);
        _http.BaseAddress = new Uri(host.BaseUrl + "/");
        _http.DefaultRequestHeaders.Authorization = host.Authorization;
    }

    public HttpClient Http => _http;

    public async Task<JsonElement> GetJsonAsync(string path)
    {
        using var response = await _http.GetAsync(path);
        Assert.That(response.StatusCode, Is.EqualTo(System.Net.HttpStatusCode.OK), $"GET {path}: {await response.Content.ReadAsStringAsync()}");
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    public async Task<HttpResponseMessage> PostJsonAsync(string path, object body) => await _http.PostAsJsonAsync(path, body);

    /// <summary>Follows x-ms-continuationtoken until it is absent — never stops on a short page.</summary>
    public async Task<List<JsonElement>> ContinuationAsync(string path, Action<int>? onPage = null)
    {
        var items = new List<JsonElement>();
        string? token = null;
        for (var pages = 0; pages < 10_000; pages++)
        {
            var url = token is null ? path : $"{path}&continuationToken={Uri.EscapeDataString(token)}";
            using var response = await _http.GetAsync(url);
            Assert.That(response.IsSuccessStatusCode, Is.True, $"GET {url}: {(int)response.StatusCode}");
            var page = await response.Content.ReadFromJsonAsync<JsonElement>();
            var value = page.GetProperty("value");
            Assert.That(page.GetProperty("count").GetInt32(), Is.EqualTo(value.GetArrayLength()), "count is the size of this page");
            items.AddRange(value.EnumerateArray());
            onPage?.Invoke(value.GetArrayLength());
            token = response.Headers.TryGetValues("x-ms-continuationtoken", out var values) ? values.Single() : null;
            if (token is null)
            {
                return items;
            }
        }
        throw new AssertionException($"{path} never stopped paging");
    }

    /// <summary>$top/$skip lists have no token: a page shorter than $top is the end.</summary>
    public async Task<List<JsonElement>> SkipAsync(string path, int top)
    {
        var items = new List<JsonElement>();
        while (true)
        {
            var page = (await GetJsonAsync($"{path}&$top={top}&$skip={items.Count}")).GetProperty("value");
            items.AddRange(page.EnumerateArray());
            if (page.GetArrayLength() < top)
            {
                return items;
            }
        }
    }

    public void Dispose() => _http.Dispose();
}
