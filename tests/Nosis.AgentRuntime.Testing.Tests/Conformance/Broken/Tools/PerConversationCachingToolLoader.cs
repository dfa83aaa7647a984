using System.Collections.Concurrent;
using Nosis.AgentRuntime.Contracts;

namespace Nosis.AgentRuntime.Testing.Tests.Conformance.Broken.Tools;

/// <summary>Caches the tool set per conversation, so the second reply gets the set the first one released.</summary>
public sealed class PerConversationCachingToolLoader : BrokenToolLoader
{
    private readonly ConcurrentDictionary<string, ToolSet> _cache = new(StringComparer.Ordinal);

    public override Task<ToolSet> LoadToolsAsync(ToolLoadRequest request, CancellationToken cancellationToken = default) =>
        Task.FromResult(_cache.GetOrAdd(request.Conversation.ConversationId, _ => CreateSet(ToolsFor(request), Open())));
}
