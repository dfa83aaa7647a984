using Nosis.AgentRuntime.Contracts;
using Nosis.AgentRuntime.Testing.Conformance;
using Nosis.AgentRuntime.Testing.InMemory;

namespace Nosis.AgentRuntime.Testing.Tests.Conformance.Broken;

/// <summary>A deliberately wrong store: it has no column for how a reply ended, so every reply reads back as completed.</summary>
internal sealed class CompletionDroppingMessageStore : IMessageStore
{
    private readonly InMemoryMessageStore _inner = new();

    public Task SaveUserMessageAsync(UserMessage message, CancellationToken cancellationToken = default) => _inner.SaveUserMessageAsync(message, cancellationToken);

    public Task SaveAssistantMessageAsync(AssistantMessage message, CancellationToken cancellationToken = default) =>
        _inner.SaveAssistantMessageAsync(message with { Completion = ReplyCompletion.Completed }, cancellationToken);

    public IReadOnlyList<StoredMessage> GetMessages(string conversationId) => _inner.GetMessages(conversationId);
}
