using System.Net.Http.Headers;
using System.Text;

namespace Nosis.AgentRuntime.Samples.Tests.Infrastructure;

/// <summary>A chat request whose UI message stream is read as it arrives, so a test can act mid-stream (kill the worker, stop reading).</summary>
public sealed class ChatStreamReader : IAsyncDisposable
{
    private readonly HttpClient _http;
    private readonly HttpResponseMessage _response;
    private readonly StreamReader _reader;
    private readonly StringBuilder _read = new();

    private ChatStreamReader(HttpClient http, HttpResponseMessage response, StreamReader reader)
    {
        _http = http;
        _response = response;
        _reader = reader;
    }

    /// <summary>Gets the response status.</summary>
    public int Status => (int)_response.StatusCode;

    /// <summary>Gets the stream read so far.</summary>
    public string Read => _read.ToString();

    /// <summary>Posts <c>{ "content": … }</c> to the conversation's chat route and returns once the headers arrived.</summary>
    public static async Task<ChatStreamReader> StartAsync(Uri baseUrl, string token, string conversationId, string content)
    {
        var http = new HttpClient { BaseAddress = baseUrl, Timeout = Timeout.InfiniteTimeSpan };
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/conversations/{conversationId}/chat")
        {
            Content = new StringContent(System.Text.Json.JsonSerializer.Serialize(new { content }), Encoding.UTF8, "application/json"),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        var reader = new StreamReader(await response.Content.ReadAsStreamAsync());
        return new ChatStreamReader(http, response, reader);
    }

    /// <summary>Reads until a line contains <paramref name="marker"/> (e.g. <c>"type":"text-delta"</c>) or the stream ends.</summary>
    /// <returns><see langword="true"/> when the marker was read.</returns>
    public async Task<bool> ReadUntilAsync(string marker, TimeSpan timeout)
    {
        using var cancel = new CancellationTokenSource(timeout);
        try
        {
            while (await _reader.ReadLineAsync(cancel.Token) is { } line)
            {
                _read.AppendLine(line);
                if (line.Contains(marker, StringComparison.Ordinal))
                {
                    return true;
                }
            }
        }
        catch (IOException)
        {
            // The connection broke (the worker was killed).
        }
        catch (HttpRequestException)
        {
        }

        return false;
    }

    /// <summary>Reads to the end of the stream (or until it breaks) and returns everything read.</summary>
    public async Task<string> ReadToEndAsync(TimeSpan timeout)
    {
        await ReadUntilAsync("\u0000never", timeout);
        return Read;
    }

    public ValueTask DisposeAsync()
    {
        _reader.Dispose();
        _response.Dispose();
        _http.Dispose();
        return ValueTask.CompletedTask;
    }
}
