namespace Nosis.AgentRuntime.Letta.Wire;

/// <summary>The body of <c>POST /v1/conversations/{id}/stream</c> (<c>MessageStreamParams</c> in <c>@letta-ai/letta-client</c> 1.12.1 <c>resources/conversations/messages.d.ts</c>).</summary>
internal sealed class LettaConversationStreamWireRequest
{
    /// <summary>The agent, for its <c>default</c> conversation.</summary>
    public string? AgentId { get; init; }

    /// <summary>The otid of the send, to find its run rather than the conversation's newest active one.</summary>
    public string? Otid { get; init; }

    public long? StartingAfter { get; init; }

    public bool IncludePings { get; init; } = true;
}
