using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Nosis.AgentRuntime.Emulator;
using Nosis.AgentRuntime.Samples.Tests.Infrastructure;

namespace Nosis.AgentRuntime.Samples.Tests;

/// <summary>
/// Disconnect is not stop: two worker processes on one PostgreSQL database and one Letta emulator, with the worker's defaults
/// (background runs, replies continued in the background). A reply is resumed through the other process, stopped from it,
/// and survives an upstream drop.
/// </summary>
[NonParallelizable]
public sealed class ResumableReplyTests
{
    private const string Token = "shared-token";
    private static readonly string[] Tokens = [.. Enumerable.Range(0, 200).Select(i => $"t{i:000} ")];

    [Test]
    public async Task ClientLeavesAfter20Of200Deltas_ASecondClientResumesThroughTheOtherProcess_AndGetsTheWholeReplyAsOneMessage()
    {
        await using var setup = await TwoWorkersAsync();
        var id = await setup.NewConversationAsync();
        setup.Emulator.Replies.Enqueue(LettaReply.Create().Trickle(TimeSpan.FromMilliseconds(15)).TextTokens(Tokens).Build());

        await using (var first = await ChatStreamReader.StartAsync(setup.First.BaseUrl, Token, id, "Tell me everything"))
        {
            for (var deltas = 0; deltas < 20;)
            {
                (await first.ReadUntilAsync("\"type\":\"text-delta\"", TimeSpan.FromSeconds(30))).Should().BeTrue();
                deltas++;
            }
        }

        var resumed = await setup.ResumeAsync(setup.Second.BaseUrl, id);

        resumed.Status.Should().Be(HttpStatusCode.OK);
        var chunks = Chunks(resumed.Text);
        chunks.Count(c => c.GetProperty("type").GetString() == "start").Should().Be(1, "the resumed reply is one message");
        TextOf(chunks).Should().Be(string.Concat(Tokens), "in order, with no gap and no repeat");
        chunks.Last().GetProperty("type").GetString().Should().Be("finish");
        var messageId = chunks[0].GetProperty("messageId").GetString();
        var reply = (await WorkerHostEndToEndTests.WaitForMessagesAsync(setup.A, id, 2)).Last();
        reply.GetProperty("id").GetString().Should().Be(messageId, "the stream continued the message that was stored");
        reply.GetProperty("content").GetString().Should().Be(string.Concat(Tokens), "the first worker kept reading after its client left and stored the whole reply");
        reply.GetProperty("completion").GetString().Should().Be("completed");
        setup.Emulator.Runs().Should().ContainSingle("the input was sent once");
        (await setup.ResumeAsync(setup.First.BaseUrl, id)).Status.Should().Be(HttpStatusCode.NoContent, "nothing is active once the reply is stored");
    }

    [Test]
    public async Task StopFromTheOtherProcess_CancelsTheRunAtLetta_AndTheReplyIsStoredAsStopped()
    {
        await using var setup = await TwoWorkersAsync();
        var id = await setup.NewConversationAsync();
        var never = new TaskCompletionSource();
        setup.Emulator.Replies.Enqueue(LettaReply.Create().TextTokens("half ", "an ", "answer").WaitFor(never.Task).TextTokens("never").Build());
        await using var first = await ChatStreamReader.StartAsync(setup.First.BaseUrl, Token, id, "Go on");
        (await first.ReadUntilAsync("answer", TimeSpan.FromSeconds(30))).Should().BeTrue();

        var stop = await setup.B.PostAsync($"/api/conversations/{id}/chat/stop", new { });
        var rest = await first.ReadToEndAsync(TimeSpan.FromSeconds(30));

        stop.Text.Should().Be("{\"stopped\":true}");
        setup.Emulator.Runs().Single().Status.Should().Be("cancelled");
        setup.Emulator.CancelCalls.Should().Be(1);
        rest.Should().Contain("\"type\":\"finish\",\"finishReason\":\"other\",\"messageMetadata\":{\"stopped\":true");
        var reply = (await WorkerHostEndToEndTests.WaitForMessagesAsync(setup.A, id, 2)).Last();
        reply.GetProperty("completion").GetString().Should().Be("stopped");
        reply.GetProperty("content").GetString().Should().Be("half an answer");
    }

    [Test]
    public async Task UpstreamDropMidStream_IsResumedTransparently_TheUiStreamShowsNoErrorAndNoGap()
    {
        await using var setup = await TwoWorkersAsync();
        var id = await setup.NewConversationAsync();
        setup.Emulator.Faults.DropNextStreamAfter(40);
        setup.Emulator.Replies.Enqueue(LettaReply.Create().TextTokens(Tokens[..100]).Build());

        var response = await setup.A.PostAsync($"/api/conversations/{id}/chat", new { content = "Hi" });

        var chunks = Chunks(response.Text);
        chunks.Should().NotContain(c => c.GetProperty("type").GetString() == "error");
        TextOf(chunks).Should().Be(string.Concat(Tokens[..100]));
        setup.Emulator.Runs().Should().ContainSingle();
    }

    private static List<JsonElement> Chunks(string uiStream) =>
        [.. uiStream.Split("\n\n", StringSplitOptions.RemoveEmptyEntries).Select(e => e.Trim())
            .Where(e => e.StartsWith("data: {", StringComparison.Ordinal))
            .Select(e => JsonDocument.Parse(e["data: ".Length..]).RootElement.Clone())];

    private static string TextOf(IEnumerable<JsonElement> chunks) =>
        string.Concat(chunks.Where(c => c.GetProperty("type").GetString() == "text-delta").Select(c => c.GetProperty("delta").GetString()));

    private static async Task<Setup> TwoWorkersAsync()
    {
        var database = await TestDatabase.CreateAsync(DatabaseKind.Postgres);
        var emulator = await LettaEmulator.StartNewAsync();
        var environment = new Dictionary<string, string>(database.Environment)
        {
            ["Letta__BaseUrl"] = emulator.BaseUrl.ToString(),
            [$"Auth__Tokens__{Token}"] = "user-1",
            ["Logging__LogLevel__Default"] = "Warning",
        };
        var workers = await Task.WhenAll(WorkerHostProcess.StartAsync(environment), WorkerHostProcess.StartAsync(environment));
        return new Setup(database, emulator, workers[0], workers[1]);
    }

    private sealed class Setup(TestDatabase database, LettaEmulator emulator, WorkerHostProcess first, WorkerHostProcess second) : IAsyncDisposable
    {
        public LettaEmulator Emulator => emulator;

        public WorkerHostProcess First => first;

        public WorkerHostProcess Second => second;

        public WorkerClient A { get; } = new(first.BaseUrl, Token);

        public WorkerClient B { get; } = new(second.BaseUrl, Token);

        public async Task<string> NewConversationAsync() => (await A.CreateConversationAsync(new { title = "Resumable" })).GetProperty("id").GetString()!;

        /// <summary>What useChat's reconnect sends: a GET of the stream route, read to its end.</summary>
        public async Task<(HttpStatusCode Status, string Text)> ResumeAsync(Uri baseUrl, string conversationId)
        {
            using var http = new HttpClient { BaseAddress = baseUrl, Timeout = TimeSpan.FromSeconds(60) };
            using var request = new HttpRequestMessage(HttpMethod.Get, $"/api/conversations/{conversationId}/chat/stream");
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", Token);
            using var response = await http.SendAsync(request);
            return (response.StatusCode, await response.Content.ReadAsStringAsync());
        }

        public async ValueTask DisposeAsync()
        {
            A.Dispose();
            B.Dispose();
            await first.DisposeAsync();
            await second.DisposeAsync();
            await emulator.DisposeAsync();
            await database.DisposeAsync();
        }
    }
}
