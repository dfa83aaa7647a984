using Nosis.AgentRuntime.Contracts;
using Nosis.AgentRuntime.Data;
using Nosis.AgentRuntime.Emulator;
using Nosis.AgentRuntime.Samples.Tests.Infrastructure;

namespace Nosis.AgentRuntime.Samples.Tests;

/// <summary>SIGTERM while replies stream: every open stream ends with an error chunk (no reset, no finish) and its partial reply is stored, within the host's shutdown timeout.</summary>
[TestFixture(DatabaseKind.Sqlite)]
[TestFixture(DatabaseKind.Postgres)]
[NonParallelizable]
public sealed class SigtermTests(DatabaseKind kind)
{
    private const string Token = "sigterm-token";
    private const int Streams = 3;

    [Test]
    public async Task Sigterm_WhileRepliesStream_EndsEachWithAnErrorChunkAndStoresThePartialReplies()
    {
        await using var database = await TestDatabase.CreateAsync(kind);
        await using var emulator = await LettaEmulator.StartNewAsync();
        var worker = await WorkerHostProcess.StartAsync(new Dictionary<string, string>(database.Environment)
        {
            ["Letta__BaseUrl"] = emulator.BaseUrl.ToString(),
            [$"Auth__Tokens__{Token}"] = "user-1",
            ["Logging__LogLevel__Default"] = "Warning",
        });
        await using var _ = worker;
        using var client = new WorkerClient(worker.BaseUrl, Token);
        var never = new TaskCompletionSource();
        var ids = new List<string>();
        for (var i = 0; i < Streams; i++)
        {
            ids.Add((await client.CreateConversationAsync(new { title = $"Stopping {i}" })).GetProperty("id").GetString()!);
            emulator.Replies.Enqueue(LettaReply.Create().Text($"Partial reply {i}").WaitFor(never.Task).Text("never sent").Build());
        }

        var streams = new List<ChatStreamReader>();
        foreach (var id in ids)
        {
            var stream = await ChatStreamReader.StartAsync(worker.BaseUrl, Token, id, "keep talking");
            (await stream.ReadUntilAsync("\"type\":\"text-delta\"", TimeSpan.FromSeconds(30))).Should().BeTrue(stream.Read);
            streams.Add(stream);
        }

        var (exitCode, took) = await worker.TerminateAsync(TimeSpan.FromSeconds(40));
        var texts = await Task.WhenAll(streams.Select(s => s.ReadToEndAsync(TimeSpan.FromSeconds(10))));

        TestContext.Out.WriteLine($"{kind}: SIGTERM with {Streams} open streams: the worker exited with {exitCode} after {took.TotalSeconds:0.0} s.");
        exitCode.Should().Be(0, worker.Output);
        took.Should().BeLessThan(TimeSpan.FromSeconds(30), "within the host's shutdown timeout (30 s)");
        await using var direct = database.Open();
        for (var i = 0; i < Streams; i++)
        {
            texts[i].Should().Contain("\"type\":\"error\"").And.Contain("shutting down").And.NotContain("\"type\":\"finish\"");
            texts[i].TrimEnd().Should().EndWith("data: [DONE]", "the stream ended cleanly, not with a reset");
            var reply = (await direct.Messages.ListMessagesAsync(ids[i], 100, 0)).Should().ContainSingle(m => m.Role == MessageRole.Assistant).Subject;
            reply.Content.Should().Be($"Partial reply {i}");
            reply.Completion.Should().Be(ReplyCompletion.Failed);
            await streams[i].DisposeAsync();
        }
    }
}
