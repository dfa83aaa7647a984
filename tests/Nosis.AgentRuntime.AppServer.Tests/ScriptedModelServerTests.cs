using System.Diagnostics;
using System.Net;
using System.Text.Json.Nodes;
using Nosis.AgentRuntime.AppServer.Tests.Infrastructure;
using Nosis.AgentRuntime.Emulator.Models;

namespace Nosis.AgentRuntime.AppServer.Tests;

/// <summary>
/// The scripted model's HTTP side, against its real Kestrel endpoint. The chunk shapes pinned here are those of OpenAI's chat
/// completions streaming API as the openai npm package types them (<c>ChatCompletionChunk</c>: <c>id</c>, <c>object:
/// "chat.completion.chunk"</c>, <c>created</c>, <c>model</c>, <c>choices[].index/delta/finish_reason</c>, <c>delta.tool_calls[].index/id/
/// type/function.name/function.arguments</c>; with <c>stream_options.include_usage</c>, a last chunk with empty <c>choices</c> and
/// <c>usage</c>, and <c>usage: null</c> on the others; then <c>data: [DONE]</c>). <c>delta.reasoning_content</c> is the reasoning field of
/// OpenAI-compatible servers. The App Server tests show the OpenAI client inside letta-code reading these streams.
/// </summary>
public sealed class ScriptedModelServerTests
{
    private ScriptedModelServer _model = null!;

    [OneTimeSetUp]
    public async Task StartModelAsync() => _model = await ScriptedModelServer.StartAsync();

    [OneTimeTearDown]
    public async Task StopModelAsync() => await _model.DisposeAsync();

    [SetUp]
    public void ClearQueue() => _model.ClearReplies();

    [Test]
    public async Task The_model_list_names_the_scripted_model()
    {
        using var response = await ChatCompletionsClient.GetAsync(new Uri(_model.BaseUrl + "/models"), CancellationToken.None);

        var list = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        response.StatusCode.Should().Be(HttpStatusCode.OK);
        ((string?)list["object"]).Should().Be("list");
        ((string?)list["data"]![0]!["id"]).Should().Be("scripted");
        ((string?)list["data"]![0]!["object"]).Should().Be("model");
    }

    [Test]
    public async Task A_text_reply_streams_content_deltas_then_stop_then_a_usage_chunk_then_done()
    {
        _model.Enqueue(new ScriptedReply().Text("Hello from the model."));

        var (chunks, done) = await StreamAsync(ChatCompletionsClient.Request("Hi"));

        done.Should().BeTrue();
        chunks.Should().OnlyContain(c => (string?)c["object"] == "chat.completion.chunk" && (string?)c["model"] == "scripted" && c["created"] != null);
        chunks.Select(c => (string?)c["id"]).Distinct().Should().ContainSingle().Which.Should().StartWith("chatcmpl-");
        ((string?)chunks[0]["choices"]![0]!["delta"]!["role"]).Should().Be("assistant");
        Contents(chunks).Should().Equal("Hello ", "from ", "the ", "model.");
        var finish = chunks[^2]["choices"]![0]!;
        ((string?)finish["finish_reason"]).Should().Be("stop");
        finish["delta"]!.AsObject().Should().BeEmpty();
        chunks[..^1].Should().OnlyContain(c => c.ContainsKey("usage") && c["usage"] == null, "OpenAI sends usage: null on every chunk but the last");
        var usage = chunks[^1];
        usage["choices"]!.AsArray().Should().BeEmpty();
        ((int)usage["usage"]!["total_tokens"]!).Should().Be((int)usage["usage"]!["prompt_tokens"]! + (int)usage["usage"]!["completion_tokens"]!);
        ((int)usage["usage"]!["completion_tokens"]!).Should().Be(4);
    }

    [Test]
    public async Task Reasoning_streams_as_reasoning_content_before_the_text()
    {
        _model.Enqueue(new ScriptedReply().Reasoning("Thinking it over.").Text("Done."));

        var (chunks, _) = await StreamAsync(ChatCompletionsClient.Request("Hi"));

        var deltas = chunks.Where(c => c["choices"]!.AsArray().Count > 0).Select(c => c["choices"]![0]!["delta"]!.AsObject()).ToList();
        string.Concat(deltas.Select(d => (string?)d["reasoning_content"])).Should().Be("Thinking it over.");
        deltas.FindLastIndex(d => d.ContainsKey("reasoning_content")).Should().BeLessThan(deltas.FindIndex(d => d.ContainsKey("content")));
    }

    [Test]
    public async Task Tool_calls_stream_index_id_and_name_first_then_argument_fragments_and_finish_with_tool_calls()
    {
        _model.Enqueue(new ScriptedReply().ToolCalls(
            new ScriptedToolCall("lookup_weather", """{"city":"Oslo","unit":"celsius"}""", "call_a"),
            new ScriptedToolCall("lookup_time", """{"zone":"Europe/Oslo"}""")));

        var (chunks, done) = await StreamAsync(ChatCompletionsClient.Request("Weather?"));

        done.Should().BeTrue();
        var calls = chunks.Where(c => c["choices"]!.AsArray().Count > 0 && c["choices"]![0]!["delta"]!["tool_calls"] != null)
            .Select(c => c["choices"]![0]!["delta"]!["tool_calls"]![0]!.AsObject()).ToList();
        foreach (var index in new[] { 0, 1 })
        {
            var ofCall = calls.Where(c => (int)c["index"]! == index).ToList();
            ((string?)ofCall[0]["type"]).Should().Be("function");
            ((string?)ofCall[0]["id"]).Should().NotBeNullOrEmpty();
            ((string?)ofCall[0]["function"]!["arguments"]).Should().BeEmpty();
            ofCall.Skip(1).Should().OnlyContain(c => !c.ContainsKey("id") && c["function"]!["name"] == null, "later fragments carry the index and arguments only");
        }

        ((string?)calls[0]["id"]).Should().Be("call_a");
        ((string?)calls[0]["function"]!["name"]).Should().Be("lookup_weather");
        string.Concat(calls.Where(c => (int)c["index"]! == 0).Select(c => (string?)c["function"]!["arguments"])).Should().Be("""{"city":"Oslo","unit":"celsius"}""");
        string.Concat(calls.Where(c => (int)c["index"]! == 1).Select(c => (string?)c["function"]!["arguments"])).Should().Be("""{"zone":"Europe/Oslo"}""");
        ((string?)chunks[^2]["choices"]![0]!["finish_reason"]).Should().Be("tool_calls");
    }

    [Test]
    public async Task Without_include_usage_there_is_no_usage_chunk_and_no_usage_field()
    {
        _model.Enqueue(new ScriptedReply().Text("Short."));

        var (chunks, done) = await StreamAsync(ChatCompletionsClient.Request("Hi", includeUsage: false));

        done.Should().BeTrue();
        chunks.Should().OnlyContain(c => !c.ContainsKey("usage"));
        ((string?)chunks[^1]["choices"]![0]!["finish_reason"]).Should().Be("stop");
    }

    [Test]
    public async Task A_request_without_stream_gets_one_chat_completion()
    {
        _model.Enqueue(new ScriptedReply().Reasoning("Hmm.").Text("A title").ToolCall("lookup", "{}", "call_x"));

        using var response = await ChatCompletionsClient.PostAsync(_model.BaseUrl, ChatCompletionsClient.Request("Hi", stream: false, includeUsage: false), CancellationToken.None);

        var completion = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        ((string?)completion["object"]).Should().Be("chat.completion");
        var choice = completion["choices"]![0]!;
        ((string?)choice["message"]!["role"]).Should().Be("assistant");
        ((string?)choice["message"]!["content"]).Should().Be("A title");
        ((string?)choice["message"]!["reasoning_content"]).Should().Be("Hmm.");
        ((string?)choice["message"]!["tool_calls"]![0]!["function"]!["name"]).Should().Be("lookup");
        ((string?)choice["finish_reason"]).Should().Be("tool_calls");
        ((int)completion["usage"]!["total_tokens"]!).Should().BePositive();
    }

    [Test]
    public async Task A_failure_reply_answers_with_its_status_and_an_openai_error_body()
    {
        _model.Enqueue(ScriptedReply.Failure(503, "The scripted model is overloaded."));

        using var response = await ChatCompletionsClient.PostAsync(_model.BaseUrl, ChatCompletionsClient.Request("Hi"), CancellationToken.None);

        response.StatusCode.Should().Be(HttpStatusCode.ServiceUnavailable);
        var error = JsonNode.Parse(await response.Content.ReadAsStringAsync())!["error"]!;
        ((string?)error["message"]).Should().Be("The scripted model is overloaded.");
        ((string?)error["type"]).Should().NotBeNullOrEmpty();
    }

    [Test]
    public async Task A_dropped_connection_ends_the_stream_after_the_deltas_before_it_without_finish_or_done()
    {
        _model.Enqueue(new ScriptedReply().Text("Partial answer").DropConnection().Text("never sent"));

        using var response = await ChatCompletionsClient.PostAsync(_model.BaseUrl, ChatCompletionsClient.Request("Hi"), CancellationToken.None);
        var events = new List<string>();
        var read = () => ChatCompletionsClient.ReadEventsAsync(response, events, CancellationToken.None);

        await read.Should().ThrowAsync<IOException>();
        Contents([.. events.Select(e => JsonNode.Parse(e)!.AsObject())]).Should().Equal("Partial ", "answer");
    }

    [Test]
    public async Task A_hold_keeps_the_stream_open_until_the_test_releases_it()
    {
        var hold = new ScriptedHold();
        _model.Enqueue(new ScriptedReply().Text("Before").HoldUntilReleased(hold).Text(" after"));

        var streaming = StreamAsync(ChatCompletionsClient.Request("Hi"));
        await hold.Reached.WaitAsync(TimeSpan.FromSeconds(10));
        await Task.Delay(100);
        streaming.IsCompleted.Should().BeFalse();
        hold.Release();

        var (chunks, done) = await streaming.WaitAsync(TimeSpan.FromSeconds(10));
        done.Should().BeTrue();
        string.Concat(Contents(chunks)).Should().Be("Before after");
    }

    [Test]
    public async Task A_client_that_hangs_up_during_a_hold_is_counted_as_an_abandoned_reply()
    {
        var hold = new ScriptedHold();
        _model.Enqueue(new ScriptedReply().Text("Before").HoldUntilReleased(hold).Text(" after"));
        var abandoned = _model.RepliesAbandoned;

        using (var hangUp = new CancellationTokenSource())
        {
            var streaming = ChatCompletionsClient.PostAsync(_model.BaseUrl, ChatCompletionsClient.Request("Hi"), hangUp.Token);
            await hold.Reached.WaitAsync(TimeSpan.FromSeconds(10));
            (await streaming).Dispose();
        }

        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (_model.RepliesAbandoned == abandoned && DateTime.UtcNow < deadline)
        {
            await Task.Delay(20);
        }

        _model.RepliesAbandoned.Should().Be(abandoned + 1);
        hold.Release();
    }

    [Test]
    public async Task A_trickle_pauses_before_every_delta()
    {
        _model.Enqueue(new ScriptedReply().TextTokens("a", "b", "c", "d").Trickle(TimeSpan.FromMilliseconds(40)));

        var clock = Stopwatch.StartNew();
        var (chunks, _) = await StreamAsync(ChatCompletionsClient.Request("Hi"));

        clock.Elapsed.Should().BeGreaterThanOrEqualTo(TimeSpan.FromMilliseconds(150));
        Contents(chunks).Should().Equal("a", "b", "c", "d");
    }

    [Test]
    public async Task An_empty_queue_echoes_what_the_user_typed_leaving_out_system_reminders()
    {
        var request = ChatCompletionsClient.Request("What is new?");
        request["messages"]![1]!["content"]!.AsArray().Insert(0, new JsonObject { ["type"] = "text", ["text"] = "<system-reminder>\nDevice information\n</system-reminder>" });

        var (chunks, _) = await StreamAsync(request);

        string.Concat(Contents(chunks)).Should().Be("Echo: What is new?");
    }

    [Test]
    public async Task Replies_play_first_in_first_out_and_every_request_is_recorded_with_its_messages_and_tools()
    {
        _model.Enqueue(new ScriptedReply().Text("first")).Enqueue(new ScriptedReply().Text("second"));
        var before = _model.Requests.Count;

        var (first, _) = await StreamAsync(ChatCompletionsClient.Request("one", tools: ["Bash", "lookup_weather"]));
        var (second, _) = await StreamAsync(ChatCompletionsClient.Request("two", includeUsage: false));

        string.Concat(Contents(first)).Should().Be("first");
        string.Concat(Contents(second)).Should().Be("second");
        var requests = await _model.WaitForRequestsAsync(before + 2);
        var recorded = requests[before];
        recorded.Model.Should().Be("scripted");
        recorded.Stream.Should().BeTrue();
        recorded.IncludeUsage.Should().BeTrue();
        recorded.ToolNames.Should().Equal("Bash", "lookup_weather");
        recorded.Messages.Select(m => m.Role).Should().Equal("system", "user");
        recorded.LastUserText.Should().Be("one");
        requests[before + 1].IncludeUsage.Should().BeFalse();
    }

    private async Task<(List<JsonObject> Chunks, bool Done)> StreamAsync(JsonObject request)
    {
        using var response = await ChatCompletionsClient.PostAsync(_model.BaseUrl, request, CancellationToken.None);
        response.StatusCode.Should().Be(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.MediaType.Should().Be("text/event-stream");
        var events = await ChatCompletionsClient.ReadEventsAsync(response, CancellationToken.None);
        var done = events.Count > 0 && events[^1] == "[DONE]";
        return ([.. events.Where(e => e != "[DONE]").Select(e => JsonNode.Parse(e)!.AsObject())], done);
    }

    private static List<string> Contents(List<JsonObject> chunks) =>
        [.. chunks.Where(c => c["choices"]!.AsArray().Count > 0).Select(c => (string?)c["choices"]![0]!["delta"]!["content"]).OfType<string>()];
}
