using Nosis.AgentRuntime.Testing.Conformance;

namespace Nosis.AgentRuntime.Testing.Tests.Conformance.Broken.Messages;

/// <summary>A messages table without a unique key on the id: every save inserts.</summary>
public sealed class NoUniqueKeyMessageStore : BrokenMessageStore
{
    protected override Task InsertUserAsync(StoredMessage message)
    {
        Append(message);
        return Task.CompletedTask;
    }

    protected override Task InsertAssistantAsync(StoredMessage message) => InsertUserAsync(message);
}
