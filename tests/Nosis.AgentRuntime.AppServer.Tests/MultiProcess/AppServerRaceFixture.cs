using System.Text.Json;
using System.Text.Json.Nodes;
using Nosis.AgentRuntime.AppServer.Tests.Backend;
using Nosis.AgentRuntime.Claims;
using Nosis.AgentRuntime.Contracts;
using Nosis.AgentRuntime.Data;
using Nosis.AgentRuntime.Letta;

namespace Nosis.AgentRuntime.AppServer.Tests.MultiProcess;

/// <summary>
/// A real App Server for races of race-worker processes (see <see cref="AppServerRaceFleet"/>): warmed up by one turn, its
/// runtime agents deleted after each test so that each test counts its own, and the checks the races share.
/// </summary>
public abstract class AppServerRaceFixture : AppServerClientFixture
{
    protected const int CallersPerWorker = 16;
    protected const int Workers = AppServerRaceFleet.Workers;

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

    protected static string? Text(JsonElement line, string property) => AppServerRaceFleet.Text(line, property);

    protected static List<JsonElement> CallersOf(IEnumerable<JsonElement> lines, string conversationId) =>
        [.. lines.Where(l => Text(l, "event") is null && Text(l, "conversationId") == conversationId)];

    protected Task<IReadOnlyList<LettaAgent>> RuntimeAgentsAsync(CancellationToken cancellationToken) =>
        Client.ListAgentsAsync(new LettaAgentListQuery { Tags = [AgentTags.Runtime], Limit = 1000 }, cancellationToken);

    /// <summary>Every caller got the same agent; the registry row and the App Server (by the conversation's tag) agree.</summary>
    protected async Task<string?> AssertOneAgentAsync(AgentRuntimeDatabase database, string conversationId, IReadOnlyList<JsonElement> callers, CancellationToken cancellationToken)
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

    /// <summary>The App Server keeps exactly the claimed conversation of each thread unarchived; those that lost a claim are archived.</summary>
    protected async Task AssertOneLiveConversationPerThreadAsync(IEnumerable<string> agentIds, IEnumerable<string> claimed, CancellationToken cancellationToken)
    {
        await using var socket = await ConnectAsync(cancellationToken);
        var live = new List<string>();
        var archived = 0;
        foreach (var agentId in agentIds.Distinct())
        {
            var list = await socket.RequestAsync(
                new JsonObject { ["type"] = "conversation_list", ["query"] = new JsonObject { ["agent_id"] = agentId, ["limit"] = 1000 } }, "conversation_list_response", cancellationToken);
            foreach (var conversation in list["conversations"]!.AsArray())
            {
                if ((bool?)conversation!["archived"] == true)
                {
                    archived++;
                }
                else
                {
                    live.Add((string)conversation["id"]!);
                }
            }
        }

        TestContext.Out.WriteLine($"App Server conversations of the shared agents: {live.Count} live, {archived} archived after losing their claim.");
        live.Should().BeEquivalentTo(claimed, "each thread has exactly one live App Server conversation: the one its row holds");
    }

    /// <summary>
    /// The turns never overlapped: the App Server's history alternates each stored user message (its id the <c>otid</c>) with the
    /// echo of exactly that message, every user message dated at or after the reply before it; and the store kept each turn once.
    /// A second message sent while a turn ran would be queued by the App Server (<c>input_accepted</c> with disposition <c>queued</c>)
    /// and serialised, which this history cannot show: the workers report every queued turn, and the fleet asserts there was none.
    /// </summary>
    protected static async Task AssertTurnsInOrderAsync(AgentRuntimeDatabase database, string conversationId, IReadOnlyList<LettaStreamItem> history, int turns)
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
