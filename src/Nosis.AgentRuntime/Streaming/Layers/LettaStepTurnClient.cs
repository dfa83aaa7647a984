using System.Runtime.CompilerServices;
using Nosis.AgentRuntime.Letta;

namespace Nosis.AgentRuntime.Streaming;

/// <summary>The innermost turn layer: sends one Letta request and maps its stream to the events of one step.</summary>
internal sealed class LettaStepTurnClient : IChatTurnClient
{
    private readonly ILettaClient _letta;
    private readonly AgentRuntimeOptions _options;

    public LettaStepTurnClient(ILettaClient letta, AgentRuntimeOptions options)
    {
        _letta = letta;
        _options = options;
    }

    public async IAsyncEnumerable<AgentChatEvent> StreamAsync(
        ChatTurnContext turn, IReadOnlyList<LettaInputItem> input, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var tools = turn.Tools.Tools;
        var request = new LettaMessageRequest(input)
        {
            ClientTools = tools.Count == 0 ? null : tools.Select(t => new LettaClientTool(t.Name, t.Description, t.Parameters)).ToList(),
        };
        var step = new LettaStepMapper(turn, _options.AgentModel);
        var events = new List<AgentChatEvent>(4);
        yield return new StepStartEvent();
        await foreach (var item in _letta.StreamMessageAsync(turn.AgentId, request, cancellationToken).ConfigureAwait(false))
        {
            step.Map(item, events);
            foreach (var chatEvent in events)
            {
                yield return chatEvent;
            }

            events.Clear();
        }

        step.End(events);
        foreach (var chatEvent in events)
        {
            yield return chatEvent;
        }
    }
}
