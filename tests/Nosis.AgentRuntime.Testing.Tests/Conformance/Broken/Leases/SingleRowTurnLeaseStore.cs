namespace Nosis.AgentRuntime.Testing.Tests.Conformance.Broken.Leases;

/// <summary>One lease row for the whole host: a turn in one conversation blocks every other conversation.</summary>
public sealed class SingleRowTurnLeaseStore : BrokenLeaseStore
{
    protected override string KeyOf(string conversationId) => "the-lease";
}
