namespace Nosis.AgentRuntime.Testing.Tests.Conformance.Broken.Runs;

/// <summary>Keeps one active run for the whole store, whatever the conversation.</summary>
public sealed class SingleSlotActiveRunStore : BrokenActiveRunStore
{
    protected override string KeyOf(string conversationId) => "the-run";
}
