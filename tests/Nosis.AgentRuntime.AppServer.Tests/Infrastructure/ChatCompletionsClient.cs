using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace Nosis.AgentRuntime.AppServer.Tests.Infrastructure;

/// <summary>Posts chat completions requests to a scripted model and reads its server-sent events back, as an OpenAI client would.</summary>
public static class ChatCompletionsClient
{
    private static readonly HttpClient Http = new(new SocketsHttpHandler { UseProxy = false });

    public static JsonObject Request(string userText, bool stream = true, bool includeUsage = true, params string[] tools)
    {
        var body = new JsonObject
        {
            ["model"] = "scripted",
            ["messages"] = new JsonArray(
                new JsonObject { ["role"] = "system", ["content"] = "You are a test." },
                new JsonObject { ["role"] = "user", ["content"] = new JsonArray(new JsonObject { ["type"] = "text", ["text"] = userText }) }),
            ["stream"] = stream,
            ["tools"] = new JsonArray([.. tools.Select(t => new JsonObject { ["type"] = "function", ["function"] = new JsonObject { ["name"] = t, ["parameters"] = new JsonObject() } })]),
        };
        if (includeUsage)
        {
            body["stream_options"] = new JsonObject { ["include_usage"] = true };
        }

        return body;
    }

    /// <summary>Posts <paramref name="body"/> and returns as soon as the response headers are in (the body streams on).</summary>
    public static Task<HttpResponseMessage> PostAsync(Uri baseUrl, JsonObject body, CancellationToken cancellationToken) =>
        Http.SendAsync(
            new HttpRequestMessage(HttpMethod.Post, new Uri(baseUrl + "/chat/completions")) { Content = JsonContent.Create(body) },
            HttpCompletionOption.ResponseHeadersRead,
            cancellationToken);

    public static Task<HttpResponseMessage> GetAsync(Uri url, CancellationToken cancellationToken) => Http.GetAsync(url, cancellationToken);

    /// <summary>The <c>data:</c> payloads of a server-sent event stream, in order (<c>[DONE]</c> included, as text).</summary>
    public static async Task<List<string>> ReadEventsAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var events = new List<string>();
        await ReadEventsAsync(response, events, cancellationToken);
        return events;
    }

    /// <summary>Adds the <c>data:</c> payloads to <paramref name="events"/> as they come, so that a caller keeps them when the stream breaks.</summary>
    public static async Task ReadEventsAsync(HttpResponseMessage response, List<string> events, CancellationToken cancellationToken)
    {
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(cancellationToken));
        while (await reader.ReadLineAsync(cancellationToken) is { } line)
        {
            if (line.StartsWith("data: ", StringComparison.Ordinal))
            {
                events.Add(line["data: ".Length..]);
            }
        }
    }
}
