using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

namespace Nosis.AgentRuntime.Samples.Tests.Infrastructure;

/// <summary>Calls a worker host as one user (or with no token at all).</summary>
public sealed class WorkerClient(Uri baseUrl, string? token) : IDisposable
{
    private readonly HttpClient _http = new() { BaseAddress = baseUrl, Timeout = TimeSpan.FromSeconds(60) };

    public Uri BaseUrl => baseUrl;

    public async Task<WorkerResponse> SendAsync(HttpMethod method, string path, object? body = null)
    {
        using var request = new HttpRequestMessage(method, path);
        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        if (body is not null)
        {
            var json = body as string ?? JsonSerializer.Serialize(body);
            request.Content = new StringContent(json, Encoding.UTF8, "application/json");

            // As curl does for large bodies: the server may refuse (413) before the body is sent, so the refusal is never
            // lost to a connection reset while the client is still writing.
            request.Headers.ExpectContinue = json.Length > 64 * 1024;
        }

        using var response = await _http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        return new WorkerResponse(response.StatusCode, text, response.Content.Headers.ContentType?.MediaType)
        {
            RetryAfter = response.Headers.TryGetValues("Retry-After", out var retryAfter) ? string.Join(",", retryAfter) : null,
        };
    }

    public Task<WorkerResponse> GetAsync(string path) => SendAsync(HttpMethod.Get, path);

    public Task<WorkerResponse> PostAsync(string path, object body) => SendAsync(HttpMethod.Post, path, body);

    public Task<WorkerResponse> PatchAsync(string path, object body) => SendAsync(HttpMethod.Patch, path, body);

    public Task<WorkerResponse> DeleteAsync(string path) => SendAsync(HttpMethod.Delete, path);

    /// <summary>Creates a conversation and returns its JSON.</summary>
    public async Task<JsonElement> CreateConversationAsync(object body)
    {
        var response = await PostAsync("/api/conversations", body);
        response.Status.Should().Be(HttpStatusCode.Created, response.Text);
        return response.Json;
    }

    public void Dispose() => _http.Dispose();
}

/// <summary>A worker host's answer.</summary>
public sealed record WorkerResponse(HttpStatusCode Status, string Text, string? MediaType)
{
    public JsonElement Json => JsonDocument.Parse(Text).RootElement.Clone();

    /// <summary>Gets the <c>Retry-After</c> header, if any.</summary>
    public string? RetryAfter { get; init; }

    /// <summary>Gets the <c>error</c> of an error body.</summary>
    public string Error => Json.GetProperty("error").GetString()!;
}
