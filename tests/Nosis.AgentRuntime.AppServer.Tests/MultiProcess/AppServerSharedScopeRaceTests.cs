using FluentAssertions.Execution;
using Nosis.AgentRuntime.Claims;
using Nosis.AgentRuntime.Contracts;
using Nosis.AgentRuntime.Conversations;
using Nosis.AgentRuntime.Data;
using Nosis.AgentRuntime.Letta;

namespace Nosis.AgentRuntime.AppServer.Tests.MultiProcess;

/// <summary>
/// The cross-process race in a shared scope on Letta's real App Server: four race-worker processes, each with its own runtime and
/// WebSocket, race the user's shared agent and each thread's App Server conversation through one SQLite file.
/// </summary>
[NonParallelizable]
public sealed class AppServerSharedScopeRaceTests : AppServerRaceFixture
{
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
            var conversationOfThread = new Dictionary<string, string>(StringComparer.Ordinal);
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
                conversationOfThread[thread.Id] = lettaConversationId;
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
            await AssertOneLiveConversationPerThreadAsync(agentOfUser.Values, conversationOfThread.Values, limit.Token);
        }
    }

}
