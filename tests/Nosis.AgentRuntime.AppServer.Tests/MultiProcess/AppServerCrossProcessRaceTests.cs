using System.Text.Json;
using FluentAssertions.Execution;
using Nosis.AgentRuntime.AppServer.Tests.Backend;
using Nosis.AgentRuntime.Claims;
using Nosis.AgentRuntime.Contracts;
using Nosis.AgentRuntime.Conversations;
using Nosis.AgentRuntime.Data;
using Nosis.AgentRuntime.Letta;

namespace Nosis.AgentRuntime.AppServer.Tests.MultiProcess;

/// <summary>
/// Four separate OS processes (tests/Nosis.AgentRuntime.RaceWorker on <c>Letta:Backend=AppServer</c>), each a host with its own
/// runtime, its own WebSocket to the App Server, and the SQL registry, message store and turn lease of one shared SQLite file, race
/// the first messages of new conversations against Letta's real App Server (its model the scripted one, echoing each message).
/// Agents are counted on the App Server with <c>agent_list</c> by tag; turns are checked against the App Server's own history.
/// </summary>
[NonParallelizable]
public sealed class AppServerCrossProcessRaceTests : AppServerClientFixture
{
    private const int ConversationCount = 5;
    private const int CallersPerWorker = 16;
    private const int Workers = AppServerRaceFleet.Workers;

    /// <summary>Every caller runs a full chat turn: the turn gate and the SQL lease serialise the 64 turns of a conversation across processes.</summary>
    [Test]
    public async Task Sixteen_first_messages_in_each_of_four_processes_make_one_agent_per_conversation_and_its_turns_never_overlap()
    {
        await using var file = await SharedSqliteFile.CreateAsync();
        var conversations = await CreateConversationsAsync(file.Database);
        var requestsBefore = Model.Requests.Count;

        var lines = await AppServerRaceFleet.RunAsync(file, Server, "turns", "conversation", conversations, CallersPerWorker);

        using var limit = Limit();
        using (new AssertionScope())
        {
            foreach (var conversation in conversations)
            {
                var callers = CallersOf(lines, conversation.Id);
                callers.Should().HaveCount(Workers * CallersPerWorker, "every caller of {0} reports once", conversation.Id)
                    .And.OnlyContain(l => Text(l, "kind") == "turn" && Text(l, "completion") == "Completed", "every turn of {0} completes", conversation.Id);
                var agentId = await AssertOneAgentAsync(file.Database, conversation.Id, callers, limit.Token);
                if (agentId is not null)
                {
                    var history = await Client.ListMessagesAsync(agentId, new LettaMessageListQuery { Limit = 1000, OldestFirst = true }, limit.Token);
                    await AssertTurnsInOrderAsync(file.Database, conversation.Id, history, Workers * CallersPerWorker);
                }

                Model.Requests.Skip(requestsBefore).Count(r => r.LastUserText.EndsWith(" in " + conversation.Id, StringComparison.Ordinal))
                    .Should().Be(Workers * CallersPerWorker, "the model was asked once per turn of {0}", conversation.Id);
            }

            (await RuntimeAgentsAsync(limit.Token)).Should().HaveCount(ConversationCount, "exactly one agent per conversation lives on the App Server");
        }
    }

    /// <summary>
    /// The claim itself raced across processes (a turn resolves its agent only once it holds the conversation, so the turns above
    /// never race it): each process resolves the agent from 16 concurrent callers at once, then runs one turn per conversation.
    /// The App Server has no create-if-absent, so racing processes do create extra agents; every one that lost its claim is deleted.
    /// </summary>
    [Test]
    public async Task Sixteen_concurrent_claims_in_each_of_four_processes_leave_one_agent_per_conversation_on_the_app_server()
    {
        await using var file = await SharedSqliteFile.CreateAsync();
        var conversations = await CreateConversationsAsync(file.Database);

        var lines = await AppServerRaceFleet.RunAsync(file, Server, "claims-then-turn", "conversation", conversations, CallersPerWorker);

        using var limit = Limit();
        using (new AssertionScope())
        {
            foreach (var conversation in conversations)
            {
                var callers = CallersOf(lines, conversation.Id);
                callers.Where(l => Text(l, "kind") == "claim").Should().HaveCount(Workers * CallersPerWorker, "every resolve of {0} reports once", conversation.Id);
                callers.Where(l => Text(l, "kind") == "turn").Should().HaveCount(Workers, "each process runs one turn of {0}", conversation.Id)
                    .And.OnlyContain(l => Text(l, "completion") == "Completed");
                var agentId = await AssertOneAgentAsync(file.Database, conversation.Id, callers, limit.Token);
                if (agentId is not null)
                {
                    var history = await Client.ListMessagesAsync(agentId, new LettaMessageListQuery { Limit = 1000, OldestFirst = true }, limit.Token);
                    await AssertTurnsInOrderAsync(file.Database, conversation.Id, history, Workers);
                }
            }

            (await RuntimeAgentsAsync(limit.Token)).Should().HaveCount(ConversationCount, "every agent that lost a claim was deleted before the workers exited");
        }
    }

    /// <summary>
    /// Scope User: five users with two threads each; 16 concurrent claims per thread in each process race the user's shared agent
    /// and the thread's App Server conversation, then each process runs one turn per thread.
    /// </summary>
    [Test]
    public async Task In_a_shared_scope_racing_processes_make_one_agent_per_user_and_one_app_server_conversation_per_thread()
    {
        const int Users = 5;
        const int ThreadsPerUser = 2;
        await using var file = await SharedSqliteFile.CreateAsync();
        var office = await file.Database.Offices.CreateOfficeAsync("Shared-scope race office");
        var threads = new List<ConversationRecord>();
        for (var i = 0; i < Users * ThreadsPerUser; i++)
        {
            threads.Add(await file.Database.Conversations.CreateConversationAsync(new NewConversation($"user-{i % Users}") { OfficeId = office.Id, Title = $"thread {i}" }));
        }

        var lines = await AppServerRaceFleet.RunAsync(file, Server, "claims-then-turn", "user", threads, CallersPerWorker);

        using var limit = Limit();
        using (new AssertionScope())
        {
            var agentOfUser = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var thread in threads)
            {
                var callers = CallersOf(lines, thread.Id);
                callers.Where(l => Text(l, "kind") == "claim").Should().HaveCount(Workers * CallersPerWorker, "every resolve of {0} reports once", thread.Id);
                callers.Where(l => Text(l, "kind") == "turn").Should().HaveCount(Workers, "each process runs one turn of {0}", thread.Id)
                    .And.OnlyContain(l => Text(l, "completion") == "Completed");
                var targets = callers.Where(l => Text(l, "kind") == "claim").Select(l => (Agent: Text(l, "agentId"), Conversation: Text(l, "lettaConversationId"))).Distinct().ToList();
                targets.Should().ContainSingle("every caller of thread {0}, in every process, gets the same agent and App Server conversation", thread.Id);
                if (targets is not [({ } agentId, { } lettaConversationId)])
                {
                    continue;
                }

                agentOfUser.TryAdd(thread.UserId, agentId);
                agentId.Should().Be(agentOfUser[thread.UserId], "the threads of {0} share the user's agent", thread.UserId);
                (await file.Database.SharedAgents.ReadLettaConversationIdAsync(thread.Id, limit.Token)).Should().Be(lettaConversationId);
                var conversation = await Client.GetConversationAsync(lettaConversationId, limit.Token);
                conversation.Should().NotBeNull("the App Server keeps the conversation of {0}", thread.Id);
                conversation!.AgentId.Should().Be(agentId);
                ConversationMarkers.ConversationOf(conversation.Description).Should().Be(thread.Id, "the App Server conversation names its thread");

                var history = (await Client.ListConversationMessagesAsync(lettaConversationId, 1000, limit.Token)).Reverse().ToList();
                await AssertTurnsInOrderAsync(file.Database, thread.Id, history, Workers);
            }

            agentOfUser.Values.Distinct().Should().HaveCount(Users, "one agent per user");
            foreach (var (userId, agentId) in agentOfUser)
            {
                var key = new SharedAgentKey(office.Id, userId);
                (await file.Database.SharedAgents.ReadSharedAgentIdAsync(key, limit.Token)).Should().Be(agentId, "the scope row of {0} points at its agent", userId);
                (await Client.ListAgentsAsync(new LettaAgentListQuery { Tags = [AgentTags.ForScope(key)], Limit = 1000 }, limit.Token)).Select(a => a.Id)
                    .Should().Equal([agentId], "one agent on the App Server carries the scope tag of {0}", userId);
            }

            (await RuntimeAgentsAsync(limit.Token)).Should().HaveCount(Users, "exactly one live agent per user: every agent that lost a claim was deleted");
        }
    }

    /// <summary>
    /// Runs one turn before any race: the App Server loads its model list (<c>GET /v1/models</c>) on the first turn it runs, and
    /// first turns racing that load fail with <c>llm_error</c> "Unknown model" (seen with letta-code 0.32.18 on a fresh server).
    /// </summary>
    [OneTimeSetUp]
    public async Task WarmUpTheModelListAsync()
    {
        using var limit = Limit();
        var agent = await Client.CreateAgentAsync(new LettaCreateAgentRequest { Tags = [NewTag()] }, limit.Token);
        await foreach (var _ in Client.StreamMessageAsync(agent.Id, new LettaMessageRequest([LettaInputMessage.User("warm up") with { Otid = "warm-up-1" }]), limit.Token))
        {
        }

        await Client.DeleteAgentAsync(agent.Id, limit.Token);
    }

    /// <summary>Deletes the agents a test left, so that the next one counts its own.</summary>
    [TearDown]
    public async Task DeleteRuntimeAgentsAsync()
    {
        using var limit = Limit();
        foreach (var agent in await RuntimeAgentsAsync(limit.Token))
        {
            await Client.DeleteAgentAsync(agent.Id, limit.Token);
        }
    }

    private static string? Text(JsonElement line, string property) => AppServerRaceFleet.Text(line, property);

    private static List<JsonElement> CallersOf(IEnumerable<JsonElement> lines, string conversationId) =>
        [.. lines.Where(l => Text(l, "event") is null && Text(l, "conversationId") == conversationId)];

    private static async Task<List<ConversationRecord>> CreateConversationsAsync(AgentRuntimeDatabase database)
    {
        var conversations = new List<ConversationRecord>();
        for (var i = 0; i < ConversationCount; i++)
        {
            conversations.Add(await database.Conversations.CreateConversationAsync(new NewConversation($"race-user-{i}") { Title = $"race {i}" }));
        }

        return conversations;
    }

    private Task<IReadOnlyList<LettaAgent>> RuntimeAgentsAsync(CancellationToken cancellationToken) =>
        Client.ListAgentsAsync(new LettaAgentListQuery { Tags = [AgentTags.Runtime], Limit = 1000 }, cancellationToken);

    /// <summary>Every caller got the same agent; the registry row and the App Server (by the conversation's tag) agree.</summary>
    private async Task<string?> AssertOneAgentAsync(AgentRuntimeDatabase database, string conversationId, IReadOnlyList<JsonElement> callers, CancellationToken cancellationToken)
    {
        var agentIds = callers.Select(c => Text(c, "agentId")).Distinct().ToList();
        agentIds.Should().ContainSingle("every caller of conversation {0} gets the same agent", conversationId);
        if (agentIds is not [{ } agentId])
        {
            return null;
        }

        (await database.AgentIds.ReadClaimedAgentIdAsync(conversationId, cancellationToken)).Should().Be(agentId, "the row of {0} holds the agent its callers got", conversationId);
        (await Client.ListAgentsAsync(new LettaAgentListQuery { Tags = [AgentTags.ForConversation(conversationId)], Limit = 1000 }, cancellationToken)).Select(a => a.Id)
            .Should().Equal([agentId], "agent_list by the tag of {0} finds one agent", conversationId);
        return agentId;
    }

    /// <summary>
    /// The turns never overlapped: the App Server's history alternates each stored user message (its id the <c>otid</c>) with the
    /// echo of exactly that message, every user message dated at or after the reply before it; and the store kept each turn once.
    /// A second message sent while a turn ran would have been queued by the App Server (the backend fails such a turn) and its echo
    /// would not follow it.
    /// </summary>
    private static async Task AssertTurnsInOrderAsync(AgentRuntimeDatabase database, string conversationId, IReadOnlyList<LettaStreamItem> history, int turns)
    {
        var stored = await database.Messages.ListMessagesAsync(conversationId);
        stored.Should().HaveCount(2 * turns, "each turn of {0} stored its message and its reply", conversationId);
        stored.Where(m => m.Role == MessageRole.Assistant).Should().OnlyContain(m => m.Completion == ReplyCompletion.Completed);
        var userText = stored.Where(m => m.Role == MessageRole.User).ToDictionary(m => m.Id, m => m.Content, StringComparer.Ordinal);

        var exchange = history.Where(m => m is LettaUserMessage or LettaAssistantMessage).ToList();
        var userMessages = exchange.OfType<LettaUserMessage>().ToList();
        userMessages.Select(m => m.Otid).Should().BeEquivalentTo(userText.Keys, "the App Server has each stored user message of {0} once", conversationId);
        for (var i = 0; i < exchange.Count; i++)
        {
            if (exchange[i] is not LettaUserMessage user)
            {
                continue;
            }

            var reply = exchange.Skip(i + 1).TakeWhile(m => m is LettaAssistantMessage).Cast<LettaAssistantMessage>().ToList();
            var expected = "Echo: " + userText.GetValueOrDefault(user.Otid ?? string.Empty);
            string.Concat(reply.Select(r => r.Content)).Should().Be(expected, "the reply after {0} in {1} answers that very message", user.Otid, conversationId);
            if (i > 0 && exchange[i - 1].Date is { } previousReply && user.Date is { } sent)
            {
                sent.Should().BeOnOrAfter(previousReply, "a turn of {0} starts after the reply before it", conversationId);
            }
        }
    }
}
