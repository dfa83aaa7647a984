namespace Nosis.AgentRuntime.Claims;

/// <summary>The tags the runtime puts on every agent it creates, so agents can be traced back to conversations and orphans found.</summary>
public static class AgentTags
{
    /// <summary>The tag every agent created by the runtime carries.</summary>
    public const string Runtime = "nosis-runtime";

    /// <summary>The prefix of the tag that names the agent's conversation.</summary>
    public const string ConversationPrefix = "nosis-conversation:";

    /// <summary>The prefix of the tag that names one create call; used to find an agent whose create response was lost.</summary>
    public const string CreationPrefix = "nosis-creation:";

    /// <summary>Returns the conversation tag for <paramref name="conversationId"/>.</summary>
    /// <param name="conversationId">The conversation.</param>
    /// <returns>The tag.</returns>
    public static string ForConversation(string conversationId) => ConversationPrefix + conversationId;

    /// <summary>Returns the conversation id an agent's tags name, if any.</summary>
    /// <param name="tags">The agent's tags.</param>
    /// <returns>The conversation id, or <see langword="null"/>.</returns>
    public static string? ConversationOf(IEnumerable<string> tags)
    {
        ArgumentNullException.ThrowIfNull(tags);
        var tag = tags.FirstOrDefault(t => t.StartsWith(ConversationPrefix, StringComparison.Ordinal) && t.Length > ConversationPrefix.Length);
        return tag?[ConversationPrefix.Length..];
    }

    /// <summary>The tag every shared agent (scope <c>User</c> or <c>Office</c>) carries, so the shared-scope sweeper can list them.</summary>
    public const string Shared = "nosis-shared";

    /// <summary>The prefix of the tag that names a shared agent's scope key (<see cref="Contracts.SharedAgentKey.Value"/>).</summary>
    public const string ScopePrefix = "nosis-scope:";

    /// <summary>Returns the scope tag for <paramref name="key"/>.</summary>
    /// <param name="key">The shared scope.</param>
    /// <returns>The tag.</returns>
    public static string ForScope(Contracts.SharedAgentKey key)
    {
        ArgumentNullException.ThrowIfNull(key);
        return ScopePrefix + key.Value;
    }

    /// <summary>Returns the shared scope an agent's tags name, if any.</summary>
    /// <param name="tags">The agent's tags.</param>
    /// <returns>The scope key, or <see langword="null"/>.</returns>
    public static Contracts.SharedAgentKey? ScopeOf(IEnumerable<string> tags)
    {
        ArgumentNullException.ThrowIfNull(tags);
        var value = tags.FirstOrDefault(t => t.StartsWith(ScopePrefix + "office:", StringComparison.Ordinal))?[(ScopePrefix.Length + "office:".Length)..];
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }

        var user = value.LastIndexOf("/user:", StringComparison.Ordinal);
        return user < 0
            ? new Contracts.SharedAgentKey(value)
            : user == 0 || user + "/user:".Length >= value.Length ? null : new Contracts.SharedAgentKey(value[..user], value[(user + "/user:".Length)..]);
    }
}
