using Nosis.AgentRuntime.Claims;
using Nosis.AgentRuntime.Contracts;
using Nosis.AgentRuntime.Letta;

namespace Nosis.AgentRuntime.Conversations;

/// <summary>A host conversation's Letta conversation: the row is its Letta conversation id, the resource a conversation of the shared agent.</summary>
internal sealed class LettaConversationSlot(
    string conversationId, string agentId, ILettaConversationClient conversations, ISharedAgentRegistry registry, AgentDeleter deleter) : IClaimSlot
{
    /// <summary>How many of the agent's newest conversations a lost create is looked for in.</summary>
    private const int AdoptionWindow = 50;

    public string Owner => conversationId;

    public AgentDeleter Deleter => deleter;

    public Task<string?> ReadClaimedAsync(CancellationToken cancellationToken) => registry.ReadLettaConversationIdAsync(conversationId, cancellationToken);

    public Task<bool> TryClaimAsync(string id, CancellationToken cancellationToken) => registry.TryClaimLettaConversationIdAsync(conversationId, id, cancellationToken);

    public Task<bool> TryReplaceAsync(string expected, string id, CancellationToken cancellationToken) =>
        registry.TryReplaceLettaConversationIdAsync(conversationId, expected, id, cancellationToken);

    public async Task<string> CreateAsync(string creation, CancellationToken cancellationToken)
    {
        var created = await conversations.CreateConversationAsync(
            agentId, new LettaCreateConversationRequest { Description = ConversationMarkers.Describe(conversationId, creation) }, cancellationToken).ConfigureAwait(false);
        return created.Id;
    }

    public async Task<IReadOnlyList<string>> FindCreatedAsync(string creation, CancellationToken cancellationToken)
    {
        // Newest first: a create whose response was lost a moment ago is at the top.
        var page = await conversations.ListConversationsAsync(new LettaConversationListQuery(agentId) { Limit = AdoptionWindow }, cancellationToken).ConfigureAwait(false);
        return [.. page.Where(c => ConversationMarkers.IsFromCreation(c.Description, creation)).OrderBy(c => c.CreatedAt).Select(c => c.Id)];
    }
}
