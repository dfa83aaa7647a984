using System.Diagnostics;
using System.Net;
using Nosis.AgentRuntime.Claims;
using Nosis.AgentRuntime.Contracts;
using Nosis.AgentRuntime.Data;
using Nosis.AgentRuntime.Emulator;
using Nosis.AgentRuntime.Samples.Tests.Infrastructure;

namespace Nosis.AgentRuntime.Samples.Tests;

/// <summary>Crash recovery from Letta, the source of truth: a turn whose worker was killed mid-stream gets the reply Letta completed, or is marked failed when Letta has none.</summary>
[TestFixture(DatabaseKind.Sqlite)]
[TestFixture(DatabaseKind.Postgres)]
[NonParallelizable]
public sealed class CrashRecoveryTests(DatabaseKind kind)
{
    private const string Token = "recovery-token";
    private const string Finished = "Partial words before the crash and the rest Letta finished alone.";

    [Test]
    public async Task WorkerKilledMidStream_NextTurnAfterRestartStoresLettasReplyForTheOrphanedTurnAndStartsWithin15Seconds()
    {
        await using var database = await TestDatabase.CreateAsync(kind);
        await using var emulator = await LettaEmulator.StartNewAsync(new LettaEmulatorOptions { FinishRepliesAfterDisconnect = true });
        var environment = Environment(database, emulator);
        var (conversationId, agentId) = await KillMidStreamAsync(environment, emulator, lettaFinishes: true);

        await using var second = await WorkerHostProcess.StartAsync(environment);
        using var client = new WorkerClient(second.BaseUrl, Token);
        var waited = Stopwatch.StartNew();
        var next = await client.PostAsync($"/api/conversations/{conversationId}/chat", new { content = "second" });
        waited.Stop();

        TestContext.Out.WriteLine($"{kind}: the next turn after the crash started after {waited.Elapsed.TotalSeconds:0.0} s and stored the orphaned turn's reply first.");
        next.Status.Should().Be(HttpStatusCode.OK, next.Text);
        next.Text.Should().Contain("\"type\":\"finish\"");
        waited.Elapsed.Should().BeLessThan(TimeSpan.FromSeconds(15));
        var messages = await StoredAsync(database, conversationId);
        messages.Select(m => (m.Role, m.Content)).Take(3).Should().Equal(
            (MessageRole.User, "first"), (MessageRole.Assistant, Finished), (MessageRole.User, "second"));
        messages[1].Completion.Should().Be(ReplyCompletion.Completed);
        messages.Should().HaveCount(4);
        emulator.MaxConcurrentSends(agentId).Should().Be(1);
    }

    [Test]
    public async Task WorkerKilledMidStream_ConversationNobodyWritesToAgain_TheReconcilerStoresLettasReply()
    {
        await using var database = await TestDatabase.CreateAsync(kind);
        await using var emulator = await LettaEmulator.StartNewAsync(new LettaEmulatorOptions { FinishRepliesAfterDisconnect = true });
        var environment = new Dictionary<string, string>(Environment(database, emulator))
        {
            ["Runtime__TurnRecoveryInterval"] = "00:00:01",
            ["Runtime__TurnRecoveryMinAge"] = "00:00:00",
        };
        var (conversationId, _) = await KillMidStreamAsync(environment, emulator, lettaFinishes: true);

        await using var second = await WorkerHostProcess.StartAsync(environment);
        var reply = await WaitForReplyAsync(database, conversationId);

        TestContext.Out.WriteLine($"{kind}: the reconciler stored the orphaned turn's reply ({reply?.Completion}).");
        reply.Should().NotBeNull(second.Output);
        reply!.Content.Should().Be(Finished);
        reply.Completion.Should().Be(ReplyCompletion.Completed);
    }

    [Test]
    public async Task WorkerKilledMidStream_LettaHasNoReply_TheNextTurnMarksTheOrphanedTurnFailed()
    {
        await using var database = await TestDatabase.CreateAsync(kind);
        await using var emulator = await LettaEmulator.StartNewAsync(); // the reply stops where its client left: Letta keeps nothing

        // A send in Letta's background mode outlives its sender, so Letta would have the reply: this turn is a plain streamed send.
        var environment = new Dictionary<string, string>(Environment(database, emulator))
        {
            ["Runtime__BackgroundRuns"] = "false",
            ["Runtime__DisconnectPolicy"] = "Abort",
        };
        var (conversationId, _) = await KillMidStreamAsync(environment, emulator, lettaFinishes: false);

        await using var second = await WorkerHostProcess.StartAsync(environment);
        using var client = new WorkerClient(second.BaseUrl, Token);
        var next = await client.PostAsync($"/api/conversations/{conversationId}/chat", new { content = "second" });

        next.Status.Should().Be(HttpStatusCode.OK, next.Text);
        var messages = await StoredAsync(database, conversationId);
        messages.Select(m => m.Role).Should().Equal(MessageRole.User, MessageRole.Assistant, MessageRole.User, MessageRole.Assistant);
        messages[1].Completion.Should().Be(ReplyCompletion.Failed, "Letta has no reply for the orphaned turn");
        messages[3].Completion.Should().Be(ReplyCompletion.Completed);
    }

    /// <summary>Starts a worker, kills it (-9) while the reply streams, and lets the emulator play the rest of the reply.</summary>
    private static async Task<(string ConversationId, string AgentId)> KillMidStreamAsync(IReadOnlyDictionary<string, string> environment, LettaEmulator emulator, bool lettaFinishes)
    {
        var first = await WorkerHostProcess.StartAsync(environment);
        using var client = new WorkerClient(first.BaseUrl, Token);
        var id = (await client.CreateConversationAsync(new { title = "Crashed" })).GetProperty("id").GetString()!;
        var release = new TaskCompletionSource();
        emulator.Replies.Enqueue(LettaReply.Create().Text("Partial words before the crash").WaitFor(release.Task).Text(" and the rest Letta finished alone.").Build());
        await using (var stream = await ChatStreamReader.StartAsync(first.BaseUrl, Token, id, "first"))
        {
            (await stream.ReadUntilAsync("\"type\":\"text-delta\"", TimeSpan.FromSeconds(30))).Should().BeTrue(stream.Read);
            await first.DisposeAsync(); // kill -9 mid-stream
        }

        release.SetResult();
        var agentId = emulator.LiveAgentsTagged(AgentTags.ForConversation(id)).Should().ContainSingle().Subject.Id;
        var deadline = Stopwatch.StartNew();
        while (lettaFinishes && !emulator.HistoryOf(agentId).Any(m => m.Contains("finished alone", StringComparison.Ordinal)) && deadline.Elapsed < TimeSpan.FromSeconds(10))
        {
            await Task.Delay(20);
        }

        return (id, agentId);
    }

    private static async Task<IReadOnlyList<MessageRecord>> StoredAsync(TestDatabase database, string conversationId)
    {
        await using var direct = database.Open();
        return await direct.Messages.ListMessagesAsync(conversationId, 100, 0);
    }

    private static async Task<MessageRecord?> WaitForReplyAsync(TestDatabase database, string conversationId)
    {
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < TimeSpan.FromSeconds(45))
        {
            if ((await StoredAsync(database, conversationId)).FirstOrDefault(m => m.Role == MessageRole.Assistant) is { } reply)
            {
                return reply;
            }

            await Task.Delay(200);
        }

        return null;
    }

    private static Dictionary<string, string> Environment(TestDatabase database, LettaEmulator emulator) => new(database.Environment)
    {
        ["Letta__BaseUrl"] = emulator.BaseUrl.ToString(),
        [$"Auth__Tokens__{Token}"] = "user-1",
        ["Logging__LogLevel__Default"] = "Warning",
        ["Runtime__TurnLeaseDuration"] = "00:00:03",
    };
}
