using FluentAssertions.Execution;
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
public sealed class AppServerCrossProcessRaceTests : AppServerRaceFixture
{
    private const int ConversationCount = 5;

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

    private static async Task<List<ConversationRecord>> CreateConversationsAsync(AgentRuntimeDatabase database)
    {
        var conversations = new List<ConversationRecord>();
        for (var i = 0; i < ConversationCount; i++)
        {
            conversations.Add(await database.Conversations.CreateConversationAsync(new NewConversation($"race-user-{i}") { Title = $"race {i}" }));
        }

        return conversations;
    }

}
