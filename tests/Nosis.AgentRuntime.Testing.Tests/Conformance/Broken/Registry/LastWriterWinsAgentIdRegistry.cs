namespace Nosis.AgentRuntime.Testing.Tests.Conformance.Broken.Registry;

/// <summary>Every claim overwrites (<c>UPDATE … SET agent_id = @a WHERE id = @c</c> without <c>AND agent_id IS NULL</c>).</summary>
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
}
