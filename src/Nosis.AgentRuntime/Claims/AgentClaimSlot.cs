using Nosis.AgentRuntime.Contracts;
using Nosis.AgentRuntime.Diagnostics;
using Nosis.AgentRuntime.Letta;

namespace Nosis.AgentRuntime.Claims;

/// <summary>A conversation's own agent: the row is the conversation's agent id, the resource a Letta agent tagged with the conversation.</summary>
internal sealed class AgentClaimSlot(
    ConversationRuntime conversation, ILettaClient letta, IAgentIdRegistry registry, AgentDeleter deleter, AgentRuntimeTelemetry telemetry,
    Func<ConversationRuntime, string, LettaCreateAgentRequest> buildRequest) : IClaimSlot
{
    public string Owner => conversation.ConversationId;

    public AgentDeleter Deleter => deleter;

    public Task<string?> ReadClaimedAsync(CancellationToken cancellationToken) => registry.ReadClaimedAgentIdAsync(Owner, cancellationToken);

    public Task<bool> TryClaimAsync(string id, CancellationToken cancellationToken) => registry.TryClaimAgentIdAsync(Owner, id, cancellationToken);

    public Task<bool> TryReplaceAsync(string expected, string id, CancellationToken cancellationToken) => registry.TryReplaceAgentIdAsync(Owner, expected, id, cancellationToken);

    public Task<string> CreateAsync(string creation, CancellationToken cancellationToken) =>
        CreateTaggedAgentAsync(letta, telemetry, buildRequest(conversation, AgentTags.CreationPrefix + creation), cancellationToken);

    public Task<IReadOnlyList<string>> FindCreatedAsync(string creation, CancellationToken cancellationToken) =>
        FindTaggedAgentsAsync(letta, AgentTags.CreationPrefix + creation, cancellationToken);

    /// <summary>Creates an agent and counts it.</summary>
    internal static async Task<string> CreateTaggedAgentAsync(ILettaClient letta, AgentRuntimeTelemetry telemetry, LettaCreateAgentRequest request, CancellationToken cancellationToken)
    {
        var agent = await letta.CreateAgentAsync(request, cancellationToken).ConfigureAwait(false);
        telemetry.AgentsCreated.Add(1);
        return agent.Id;
    }

    /// <summary>The agents carrying a creation tag, oldest first.</summary>
    internal static async Task<IReadOnlyList<string>> FindTaggedAgentsAsync(ILettaClient letta, string creationTag, CancellationToken cancellationToken)
    {
        var agents = await letta.ListAgentsAsync(new LettaAgentListQuery { Tags = [creationTag], Limit = 10, OldestFirst = true }, cancellationToken).ConfigureAwait(false);
        return [.. agents.Select(a => a.Id)];
    }
}
