using System.Diagnostics;
using FluentAssertions.Execution;
using Nosis.AgentRuntime.Contracts;
using Nosis.AgentRuntime.Conversations;
using Nosis.AgentRuntime.Data.Tests.Infrastructure;
using Nosis.AgentRuntime.Emulator;

namespace Nosis.AgentRuntime.Data.Tests;

/// <summary>
/// Conversations mode across processes: four race workers, each with its own runtime, race 16 first messages on each of 20
/// threads of 5 users (scope User) against one Letta emulator and one database, then run one turn per thread each.
/// </summary>
[TestFixture(DatabaseKind.Sqlite)]
[TestFixture(DatabaseKind.PostgreSql)]
public sealed class CrossProcessConversationRaceTests(DatabaseKind kind) : DatabaseTest(kind)
{
    private const int Users = 5;
    private const int ThreadsPerUser = 4;
    private const int CallersPerWorker = 16;

    [Test]
    public async Task ResolveTargetAsync_SixteenCallersPerThreadInFourProcesses_OneAgentPerUserOneLettaConversationPerThreadAndParallelThreads()
    {
        var total = Stopwatch.StartNew();
        var emulator = await LettaEmulator.StartNewAsync();
        try
        {
            var threads = await CreateThreadsAsync();
            for (var i = 0; i < threads.Count * RaceWorkerFleet.Workers; i++)
            {
                emulator.Replies.Enqueue(LettaReply.Create().Text("ok").Delay(TimeSpan.FromMilliseconds(150)).Build());
            }

            var lines = await RaceWorkerFleet.RunAsync(
                Kind, TestDatabase.Target, RaceWorkerProcess.FindWorkerDll(), "claims-then-turn", emulator, threads, total, CallersPerWorker, "--scope", "user");

            using (new AssertionScope())
            {
                var agentOfUser = new Dictionary<string, string>(StringComparer.Ordinal);
                foreach (var thread in threads)
                {
                    var claims = lines.Where(l => RaceWorkerFleet.Text(l, "conversationId") == thread.Id && RaceWorkerFleet.Text(l, "kind") == "claim").ToList();
                    claims.Should().HaveCount(RaceWorkerFleet.Workers * CallersPerWorker, "every resolve of {0} reports once", thread.Id);
                    var targets = claims.Select(l => (Agent: RaceWorkerFleet.Text(l, "agentId"), Conversation: RaceWorkerFleet.Text(l, "lettaConversationId"))).Distinct().ToList();
                    targets.Should().ContainSingle("every caller of thread {0}, in every process, gets the same agent and Letta conversation", thread.Id);
                    var (agentId, lettaConversationId) = targets[0];
                    agentOfUser.TryAdd(thread.UserId, agentId!);
                    agentId.Should().Be(agentOfUser[thread.UserId], "the threads of {0} share the user's agent", thread.UserId);

                    (await Database.SharedAgents.ReadLettaConversationIdAsync(thread.Id)).Should().Be(lettaConversationId, "the row of {0} holds its callers' Letta conversation", thread.Id);
                    emulator.LiveConversations().Where(c => c.Id == lettaConversationId).Should().ContainSingle()
                        .Which.Should().Match<EmulatedConversation>(c => c.AgentId == agentId && ConversationMarkers.ConversationOf(c.Description) == thread.Id, "the Letta conversation of {0} belongs to its user's agent and names the thread", thread.Id);

                    var sends = emulator.SendsTo(lettaConversationId!);
                    sends.Should().HaveCount(RaceWorkerFleet.Workers, "each process ran one turn of {0}", thread.Id);
                    emulator.MaxConcurrentConversationSends(lettaConversationId!).Should().Be(1, "sends within one conversation never overlap");
                    (await Database.Messages.ListMessagesAsync(thread.Id)).Should().HaveCount(2 * RaceWorkerFleet.Workers, "each turn of {0} stored its message and reply", thread.Id);
                }

                agentOfUser.Values.Distinct().Should().HaveCount(Users, "one agent per user");
                foreach (var (userId, agentId) in agentOfUser)
                {
                    (await Database.SharedAgents.ReadSharedAgentIdAsync(new SharedAgentKey(threads[0].OfficeId, userId))).Should().Be(agentId, "the scope row of {0} points at its agent", userId);
                }

                emulator.LiveAgents().Should().HaveCount(Users, "exactly one live agent per user: every agent that lost a claim was deleted");
                emulator.LiveConversations().Should().HaveCount(threads.Count, "exactly one live Letta conversation per thread");
                OverlappingSendsOfOneAgent(emulator, agentOfUser).Should().BePositive("sends in different conversations of one agent run in parallel");
            }

            TestContext.Out.WriteLine($"{Kind}, conversations mode: {emulator.AgentsCreated} agents and {emulator.ConversationsCreated} conversations created, whole test {total.Elapsed.TotalSeconds:0.0} s");
        }
        finally
        {
            await emulator.DisposeAsync();
        }
    }

    private static int OverlappingSendsOfOneAgent(LettaEmulator emulator, Dictionary<string, string> agentOfUser)
    {
        var conversationsOfAgent = emulator.LiveConversations().GroupBy(c => c.AgentId).Where(g => agentOfUser.ContainsValue(g.Key));
        var overlaps = 0;
        foreach (var group in conversationsOfAgent)
        {
            var sends = group.SelectMany(c => emulator.SendsTo(c.Id)).ToList();
            overlaps += sends.SelectMany((a, i) => sends.Skip(i + 1).Where(b => b.AgentId != a.AgentId && a.Overlaps(b))).Count();
        }

        return overlaps;
    }

    private async Task<List<ConversationRecord>> CreateThreadsAsync()
    {
        var office = await Database.Offices.CreateOfficeAsync("Conversations office");
        var threads = new List<ConversationRecord>();
        for (var i = 0; i < Users * ThreadsPerUser; i++)
        {
            threads.Add(await Database.Conversations.CreateConversationAsync(new NewConversation($"user-{i % Users}") { OfficeId = office.Id, Title = $"thread {i}" }));
        }

        return threads;
    }
}
