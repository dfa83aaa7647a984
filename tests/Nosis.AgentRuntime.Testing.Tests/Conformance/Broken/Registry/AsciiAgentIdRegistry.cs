using System.Text;

namespace Nosis.AgentRuntime.Testing.Tests.Conformance.Broken.Registry;

/// <summary>Stores agent ids in an ASCII column: every other character becomes '?'.</summary>
public sealed class AsciiAgentIdRegistry : BrokenRegistry
{
    public override Task<bool> TryClaimAgentIdAsync(string conversationId, string agentId, CancellationToken cancellationToken = default) =>
        base.TryClaimAgentIdAsync(conversationId, Encoding.ASCII.GetString(Encoding.ASCII.GetBytes(agentId)), cancellationToken);
}
