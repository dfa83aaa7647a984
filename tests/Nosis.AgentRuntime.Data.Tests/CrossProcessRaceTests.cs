using System.Diagnostics;
using System.Text.Json;
using FluentAssertions.Execution;
using Nosis.AgentRuntime.Claims;
using Nosis.AgentRuntime.Data.Tests.Infrastructure;
using Nosis.AgentRuntime.Emulator;

namespace Nosis.AgentRuntime.Data.Tests;

/// <summary>
/// Four separate OS processes (tests/Nosis.AgentRuntime.RaceWorker), each a host with its own runtime (single-flight, turn
/// gate, SQL registry, message store and turn lease), race first messages of the same 20 new conversations against one
/// Letta emulator and one database; the workers stop their hosts, draining background work, before the checks.
/// </summary>
[TestFixture(DatabaseKind.Sqlite)]
[TestFixture(DatabaseKind.PostgreSql)]
public sealed class CrossProcessRaceTests(DatabaseKind kind) : DatabaseTest(kind)
{
    private const int Workers = 4;
    private const int CallersPerWorker = 16;
    private const int ConversationCount = 20;

    /// <summary>Every caller runs a full chat turn, so the turn gate and the SQL lease serialise them all, across processes.</summary>
    [Test]
    public async Task StreamAsync_SixteenConcurrentFirstMessagesInEachOfFourProcesses_OneAgentPerConversationAndSendsNeverOverlap()
    {
        var run = await RaceAsync("turns", expectedSendsPerAgent: Workers * CallersPerWorker);

        using (new AssertionScope())
        {
            foreach (var (conversationId, lines) in run.CallersByConversation)
            {
                lines.Should().HaveCount(Workers * CallersPerWorker, "every caller of conversation {0} reports once", conversationId);
                lines.Should().OnlyContain(l => Text(l, "kind") == "turn" && Text(l, "completion") == "Completed", "every turn of {0} completes", conversationId);
            }
        }
    }

    /// <summary>
    /// The claim itself raced across processes: a turn resolves its agent only once it holds the conversation's turn, so the
    /// turns above never race the claim. Here each process resolves the agent from 16 concurrent callers at once (a host
    /// doing so before streaming), then runs one turn per conversation; losers' agents are deleted in the background.
    /// </summary>
    [Test]
    public async Task ResolveOrCreateAgentIdAsync_SixteenConcurrentCallersInEachOfFourProcesses_OneAgentPerConversationAndOrphansDeleted()
    {
        var run = await RaceAsync("claims-then-turn", expectedSendsPerAgent: Workers);

        using (new AssertionScope())
        {
            foreach (var (conversationId, lines) in run.CallersByConversation)
            {
                lines.Where(l => Text(l, "kind") == "claim").Should().HaveCount(Workers * CallersPerWorker, "every resolve of {0} reports once", conversationId);
                lines.Where(l => Text(l, "kind") == "turn").Should().HaveCount(Workers, "each process runs one turn of {0}", conversationId)
                    .And.OnlyContain(l => Text(l, "completion") == "Completed");
            }

            // Single-flight bounds the agents each process creates by one per conversation (a create call retried after a
            // transient failure adopts the agent it made, so calls may exceed agents); released together, the processes do
            // race (more agents than conversations), and every agent beyond the winner's lost its claim and was deleted.
            run.Emulator.AgentsCreated.Should().BeInRange(ConversationCount + 1, ConversationCount * Workers,
                "{0} create calls made {1} agents", run.Emulator.CreateCalls, run.Emulator.AgentsCreated);
            run.Emulator.AgentsDeleted.Should().Be(run.Emulator.AgentsCreated - ConversationCount);
        }
    }

    /// <summary>Every conversation's agent was deleted on Letta's side; four processes race the next turn of each.</summary>
    [Test]
    public async Task StreamAsync_AgentsDeletedBehindOurBack_FourProcessesRacingTheNextTurnMakeOneNewAgentPerConversation()
    {
        const int Lost = 5;
        var total = Stopwatch.StartNew();
        var emulator = await LettaEmulator.StartNewAsync();
        using var http = new HttpClient { BaseAddress = emulator.BaseUrl };
        try
        {
            var conversations = (await CreateConversationsAsync()).Take(Lost).ToList();
            var lost = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var conversation in conversations)
            {
                lost[conversation.Id] = emulator.SeedAgent([AgentTags.ForConversation(conversation.Id)]);
                (await Database.AgentIds.TryClaimAgentIdAsync(conversation.Id, lost[conversation.Id])).Should().BeTrue();
                using var deleted = await http.DeleteAsync($"/v1/agents/{lost[conversation.Id]}");
                deleted.EnsureSuccessStatusCode();
            }

            var lines = await RunWorkersAsync("turns", RaceWorkerProcess.FindWorkerDll(), emulator, conversations, total, callers: 2);

            using (new AssertionScope())
            {
                foreach (var conversation in conversations)
                {
                    var replacement = await Database.AgentIds.ReadClaimedAgentIdAsync(conversation.Id);
                    replacement.Should().NotBe(lost[conversation.Id]);
                    emulator.LiveAgentsTagged(AgentTags.ForConversation(conversation.Id)).Select(a => a.Id).Should().Equal([replacement], "one new agent for {0}", conversation.Id);
                    lines.Where(l => Text(l, "conversationId") == conversation.Id && Text(l, "event") is null).Select(l => Text(l, "agentId"))
                        .Should().OnlyContain(id => id == replacement, "every turn of {0} ran on the new agent", conversation.Id);
                }

                emulator.AgentsDeleted.Should().Be(emulator.AgentsCreated, "the lost agents, plus every replacement that lost its compare-and-set");
            }

            TestContext.Out.WriteLine($"{Kind}, lost agents: {emulator.AgentsCreated} agents created for {Lost} conversations in {total.Elapsed.TotalSeconds:0.0} s");
        }
        finally
        {
            await emulator.DisposeAsync();
        }
    }

    private static string? Text(JsonElement line, string property) => RaceWorkerFleet.Text(line, property);

    private async Task<RaceRun> RaceAsync(string mode, int expectedSendsPerAgent)
    {
        var total = Stopwatch.StartNew();
        var workerDll = RaceWorkerProcess.FindWorkerDll();
        var emulator = await LettaEmulator.StartNewAsync();
        try
        {
            var conversations = await CreateConversationsAsync();
            for (var i = 0; i < ConversationCount * expectedSendsPerAgent; i++)
            {
                emulator.Replies.Enqueue(LettaReply.FromText("ok"));
            }

            var lines = await RunWorkersAsync(mode, workerDll, emulator, conversations, total);
            var callers = lines.Where(l => Text(l, "event") is null).ToList();
            var byConversation = conversations.ToDictionary(
                c => c.Id, c => (IReadOnlyList<JsonElement>)[.. callers.Where(l => Text(l, "conversationId") == c.Id)], StringComparer.Ordinal);
            using (new AssertionScope())
            {
                foreach (var (conversationId, conversationLines) in byConversation)
                {
                    await AssertOneAgentAsync(emulator, conversationId, conversationLines, expectedSendsPerAgent);
                }

                emulator.LiveAgents().Should().HaveCount(ConversationCount, "every agent that lost a claim was deleted before the workers exited");
            }

            TestContext.Out.WriteLine($"{Kind}, {mode}: whole test {total.Elapsed.TotalSeconds:0.0} s");
            return new RaceRun(emulator, byConversation);
        }
        finally
        {
            await emulator.DisposeAsync();
        }
    }

    private Task<List<JsonElement>> RunWorkersAsync(
        string mode, string workerDll, LettaEmulator emulator, IReadOnlyList<ConversationRecord> conversations, Stopwatch total, int callers = CallersPerWorker) =>
        RaceWorkerFleet.RunAsync(Kind, TestDatabase.Target, workerDll, mode, emulator, conversations, total, callers);

    private async Task AssertOneAgentAsync(LettaEmulator emulator, string conversationId, IReadOnlyList<JsonElement> callers, int expectedSends)
    {
        callers.Should().NotBeEmpty("conversation {0} was raced", conversationId);
        var agentIds = callers.Select(c => Text(c, "agentId")).Distinct().ToList();
        agentIds.Should().ContainSingle("every caller of conversation {0} gets the same agent", conversationId);
        if (agentIds is not [{ } agentId])
        {
            return; // the scope reports the failure; nothing more to check on this conversation
        }

        (await Database.AgentIds.ReadClaimedAgentIdAsync(conversationId)).Should().Be(agentId, "the row of {0} holds the agent its callers got", conversationId);
        emulator.LiveAgentsTagged(AgentTags.ForConversation(conversationId)).Select(a => a.Id).Should().Equal([agentId], "one live agent per conversation");

        var sends = emulator.SendsTo(agentId);
        sends.Should().HaveCount(expectedSends, "each turn of {0} sent once", conversationId);
        emulator.MaxConcurrentSends(agentId).Should().Be(1, "turns of one conversation never overlap");
        var ordered = sends.OrderBy(s => s.Started).ToList();
        for (var i = 1; i < ordered.Count; i++)
        {
            ordered[i].Started.Should().BeOnOrAfter(ordered[i - 1].Ended, "send intervals to {0} never overlap", agentId);
        }

        var messages = await Database.Messages.ListMessagesAsync(conversationId);
        messages.Should().HaveCount(2 * expectedSends, "each turn of {0} saved its user message and, drained, its reply", conversationId);
    }

    private async Task<List<ConversationRecord>> CreateConversationsAsync()
    {
        var shared = await Database.Offices.CreateOfficeAsync("Race office");
        var conversations = new List<ConversationRecord>();
        for (var i = 0; i < ConversationCount; i++)
        {
            // Office-owned, no agent yet: most in their user's personal office, every fifth in a shared office.
            var request = new NewConversation($"race-user-{i % 4}") { OfficeId = i % 5 == 0 ? shared.Id : null, Title = $"race {i}" };
            conversations.Add(await Database.Conversations.CreateConversationAsync(request));
        }

        return conversations;
    }

    private sealed record RaceRun(LettaEmulator Emulator, IReadOnlyDictionary<string, IReadOnlyList<JsonElement>> CallersByConversation);
}
