using System.Diagnostics;
using System.Text.Json;
using FluentAssertions.Execution;
using Nosis.AgentRuntime.Claims;
using Nosis.AgentRuntime.Data.Tests.Infrastructure;
using Nosis.AgentRuntime.Testing.Emulator;

namespace Nosis.AgentRuntime.Data.Tests;

/// <summary>
/// Four separate OS processes, each a host with its own runtime (single-flight, turn gate, SQL registry, message store and
/// turn lease), race first messages of the same 20 new conversations against one Letta emulator and one database.
/// </summary>
[TestFixture(DatabaseKind.Sqlite)]
[TestFixture(DatabaseKind.PostgreSql)]
public sealed class CrossProcessRaceTests(DatabaseKind kind) : DatabaseTest(kind)
{
    private const int Workers = 4;
    private const int CallersPerWorker = 16;
    private const int ConversationCount = 20;

    [Test]
    public async Task FirstMessages_FourProcessesRaceOnTwentyNewConversations_OneAgentPerConversationAndSendsNeverOverlap()
    {
        var total = Stopwatch.StartNew();
        var workerDll = RaceWorkerProcess.FindWorkerDll();
        await using var emulator = await LettaEmulator.StartNewAsync();
        var conversations = await CreateConversationsAsync();
        const int turnsPerConversation = Workers * CallersPerWorker;
        for (var i = 0; i < ConversationCount * turnsPerConversation; i++)
        {
            emulator.Replies.Enqueue(LettaReply.FromText("ok"));
        }

        var barrier = Path.Combine(Path.GetTempPath(), $"nosis-race-{Guid.NewGuid():N}.go");
        var workers = Enumerable.Range(0, Workers)
            .Select(w => RaceWorkerProcess.Start(workerDll, WorkerArguments($"w{w}", emulator.BaseUrl, barrier, conversations)))
            .ToList();
        try
        {
            await Task.WhenAll(workers.Select(w => w.Ready)).WaitAsync(TimeSpan.FromSeconds(30));
            var startup = total.Elapsed;
            var raced = Stopwatch.StartNew();
            await File.WriteAllTextAsync(barrier, "go");
            var exitCodes = await Task.WhenAll(workers.Select(w => w.WaitForExitAsync(TimeSpan.FromSeconds(90))));
            TestContext.Out.WriteLine(
                $"{Kind}: workers ready after {startup.TotalSeconds:0.0} s; race and drain took {raced.Elapsed.TotalSeconds:0.0} s; "
                + $"{emulator.CreateCalls} create calls, {emulator.AgentsDeleted} orphans deleted; "
                + string.Join("; ", workers.SelectMany(w => w.Lines).Where(l => Event(l) == "done").Select(l => l.ToString())));
            for (var w = 0; w < Workers; w++)
            {
                exitCodes[w].Should().Be(0, "worker w{0} must succeed; its stderr:\n{1}\nits failures:\n{2}", w, workers[w].Stderr, Failures(workers[w]));
            }

            var callers = workers.SelectMany(w => w.Lines).Where(l => Event(l) is null).ToList();
            using (new AssertionScope())
            {
                foreach (var conversationId in conversations.Select(c => c.Id))
                {
                    await AssertOneAgentAsync(emulator, conversationId, [.. callers.Where(c => c.GetProperty("conversationId").GetString() == conversationId)]);
                }

                emulator.LiveAgents().Should().HaveCount(ConversationCount, "every agent that lost a claim was deleted before the workers exited");
                (emulator.AgentsCreated - emulator.AgentsDeleted).Should().Be(ConversationCount);
            }
        }
        finally
        {
            foreach (var worker in workers)
            {
                worker.Dispose();
            }

            File.Delete(barrier);
        }

        TestContext.Out.WriteLine($"{Kind}: whole test {total.Elapsed.TotalSeconds:0.0} s");
    }

    private static string? Event(JsonElement line) => line.TryGetProperty("event", out var kind) ? kind.GetString() : null;

    private static string Failures(RaceWorkerProcess worker) =>
        string.Join('\n', worker.Lines.Where(l => l.TryGetProperty("error", out var e) && e.ValueKind == JsonValueKind.String).Take(10));

    private IEnumerable<string> WorkerArguments(string name, Uri letta, string barrier, IEnumerable<ConversationRecord> conversations) =>
    [
        "--name", name,
        "--provider", Kind == DatabaseKind.Sqlite ? "sqlite" : "postgres",
        "--database", TestDatabase.Target,
        "--letta", letta.ToString(),
        "--barrier", barrier,
        "--callers", CallersPerWorker.ToString(System.Globalization.CultureInfo.InvariantCulture),
        "--mode", "turns",
        .. conversations.SelectMany(c => new[] { "--conversation", $"{c.Id},{c.UserId},{c.OfficeId}" }),
    ];

    private async Task AssertOneAgentAsync(LettaEmulator emulator, string conversationId, IReadOnlyList<JsonElement> callers)
    {
        callers.Should().HaveCount(Workers * CallersPerWorker, "every caller of conversation {0} reports once", conversationId);
        callers.Select(c => c.GetProperty("completion").GetString()).Should().OnlyContain(c => c == "Completed", "every turn of {0} completes", conversationId);
        var agentIds = callers.Select(c => c.GetProperty("agentId").GetString()).Distinct().ToList();
        agentIds.Should().ContainSingle("every caller of conversation {0} gets the same agent", conversationId);
        if (agentIds is not [{ } agentId])
        {
            return; // the scope reports the failure; nothing more to check on this conversation
        }

        (await Database.AgentIds.ReadClaimedAgentIdAsync(conversationId)).Should().Be(agentId, "the conversation row holds the agent its callers got");
        emulator.LiveAgentsTagged(AgentTags.ForConversation(conversationId)).Select(a => a.Id).Should().Equal([agentId], "one live agent per conversation");

        var sends = emulator.SendsTo(agentId);
        sends.Should().HaveCount(Workers * CallersPerWorker, "each turn sent once to {0}", agentId);
        emulator.MaxConcurrentSends(agentId).Should().Be(1, "turns of one conversation never overlap");
        var ordered = sends.OrderBy(s => s.Started).ToList();
        for (var i = 1; i < ordered.Count; i++)
        {
            ordered[i].Started.Should().BeOnOrAfter(ordered[i - 1].Ended, "send intervals to {0} never overlap", agentId);
        }
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
}
