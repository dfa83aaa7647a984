using Nosis.AgentRuntime.Testing.Conformance;

namespace Nosis.AgentRuntime.Testing.Tests.Conformance.Broken.Messages;

/// <summary>The reply path checks, then inserts: a retry that overlaps the first attempt stores a second copy.</summary>
public sealed class AssistantCheckThenInsertMessageStore : BrokenMessageStore
{
    protected override Task InsertAssistantAsync(StoredMessage message) => CheckThenInsertAsync(message);
}
