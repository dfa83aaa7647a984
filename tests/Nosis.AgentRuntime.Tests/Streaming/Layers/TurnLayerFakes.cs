using System.Runtime.CompilerServices;
using Nosis.AgentRuntime.Contracts;
using Nosis.AgentRuntime.Letta;
using Nosis.AgentRuntime.Streaming;

namespace Nosis.AgentRuntime.Tests.Streaming.Layers;

/// <summary>A fake inner turn layer: each call streams the next scripted round of events, then optionally throws.</summary>
internal sealed class ScriptedTurnClient : IChatTurnClient
{
    private readonly Queue<Round> _rounds = new();

    public List<IReadOnlyList<LettaInputItem>> Inputs { get; } = [];

    public ScriptedTurnClient Then(params AgentChatEvent[] events) => Enqueue(new Round(events, null));

    public ScriptedTurnClient ThenThrow(Exception failure, params AgentChatEvent[] events) => Enqueue(new Round(events, failure));

    public async IAsyncEnumerable<AgentChatEvent> StreamAsync(
        ChatTurnContext turn, IReadOnlyList<LettaInputItem> input, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        Inputs.Add(input);
        var round = _rounds.Count > 0 ? _rounds.Dequeue() : throw new InvalidOperationException("The script has no more rounds.");
        foreach (var chatEvent in round.Events)
        {
            await Task.Yield();
            cancellationToken.ThrowIfCancellationRequested();
            yield return chatEvent;
        }

        if (round.Failure is not null)
        {
            throw round.Failure;
        }
    }

    private ScriptedTurnClient Enqueue(Round round)
    {
        _rounds.Enqueue(round);
        return this;
    }

    private sealed record Round(AgentChatEvent[] Events, Exception? Failure);
}

/// <summary>A fake Letta client whose stream sends the scripted items of the next call; only streaming is supported.</summary>
internal sealed class ScriptedLettaClient : ILettaClient
{
    private readonly Queue<LettaStreamItem[]> _streams = new();

    public List<LettaMessageRequest> Requests { get; } = [];

    public ScriptedLettaClient Then(params LettaStreamItem[] items)
    {
        _streams.Enqueue(items);
        return this;
    }

    public async IAsyncEnumerable<LettaStreamItem> StreamMessageAsync(
        string agentId, LettaMessageRequest request, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        Requests.Add(request);
        foreach (var item in _streams.Dequeue())
        {
            await Task.Yield();
            yield return item;
        }
    }

    public Task<LettaAgent> CreateAgentAsync(LettaCreateAgentRequest request, CancellationToken cancellationToken = default) => throw new NotSupportedException();

    public Task<LettaAgent?> GetAgentAsync(string agentId, CancellationToken cancellationToken = default) => throw new NotSupportedException();

    public Task<LettaApprovalRequestMessage?> GetPendingApprovalAsync(string agentId, CancellationToken cancellationToken = default) => throw new NotSupportedException();

    public Task<IReadOnlyList<LettaAgent>> ListAgentsAsync(LettaAgentListQuery query, CancellationToken cancellationToken = default) => throw new NotSupportedException();

    public Task<bool> DeleteAgentAsync(string agentId, CancellationToken cancellationToken = default) => throw new NotSupportedException();

    public Task<LettaResponse> SendMessageAsync(string agentId, LettaMessageRequest request, CancellationToken cancellationToken = default) => throw new NotSupportedException();

    public Task<IReadOnlyList<LettaStreamItem>> ListMessagesAsync(string agentId, LettaMessageListQuery query, CancellationToken cancellationToken = default) => throw new NotSupportedException();
}

/// <summary>Builds turn contexts for layer tests.</summary>
internal static class TurnContexts
{
    public static ChatTurnContext New(ToolSet? tools = null, CancellationToken leaseLost = default, string text = "Hello") =>
        new(new AgentChatRequest(new ConversationRuntime("c_layer", "u_1", "office_1", agentId: "agent-1"), text), new LettaTarget("agent-1"), "msg_test", tools ?? ToolSet.Empty, leaseLost, 0);

    public static IReadOnlyList<LettaInputItem> UserInput(string text = "Hello") => [LettaInputMessage.User(text)];

    public static async Task<List<AgentChatEvent>> CollectAsync(this IChatTurnClient client, ChatTurnContext turn, CancellationToken cancellationToken = default) =>
        await client.StreamAsync(turn, UserInput(), cancellationToken).ToListAsync(cancellationToken);
}
