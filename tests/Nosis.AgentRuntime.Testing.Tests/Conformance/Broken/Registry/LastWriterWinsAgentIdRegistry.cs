namespace Nosis.AgentRuntime.Testing.Tests.Conformance.Broken.Registry;

/// <summary>Every claim and every replacement overwrites (<c>UPDATE … SET agent_id = @a WHERE id = @c</c> with no condition on the current agent).</summary>
public sealed class LastWriterWinsAgentIdRegistry : BrokenRegistry
{
    public override Task<bool> TryClaimAgentIdAsync(string conversationId, string agentId, CancellationToken cancellationToken = default)
    {
        if (!Store.ContainsKey(conversationId))
        {
            return Task.FromResult(false);
        }

        Store[conversationId] = agentId;
        return Task.FromResult(true);
    }

    public override Task<bool> TryReplaceAgentIdAsync(string conversationId, string expectedAgentId, string newAgentId, CancellationToken cancellationToken = default) =>
        TryClaimAgentIdAsync(conversationId, newAgentId, cancellationToken);
}
