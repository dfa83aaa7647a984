namespace Nosis.AgentRuntime.Testing.Tests.Conformance.Broken.Registry;

/// <summary>An ORM-style claim: load, check, yield for the round trip, save; two racing claims can both see "no agent" and both win.</summary>
public sealed class ReadThenWriteAgentIdRegistry : BrokenRegistry
{
    public override async Task<bool> TryClaimAgentIdAsync(string conversationId, string agentId, CancellationToken cancellationToken = default)
    {
        if (!Store.TryGetValue(conversationId, out var current) || current is not null)
        {
            return false;
        }

        await Task.Yield(); // the round trip between the SELECT and the UPDATE
        Store[conversationId] = agentId;
        return true;
    }
}
