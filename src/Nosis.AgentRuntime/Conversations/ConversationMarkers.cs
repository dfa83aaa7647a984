namespace Nosis.AgentRuntime.Conversations;

/// <summary>The markers the runtime writes into a Letta conversation's description: Letta conversations carry no tags or metadata.</summary>
/// <remarks>
/// The description reads <c>nosis-runtime nosis-creation:{guid} nosis-conversation:{id}</c>; the host conversation id comes last,
/// so any id round-trips. The sweeper uses it to find conversations whose host conversation no longer points at them, and the
/// claim uses the creation marker to adopt a conversation whose create response was lost.
/// </remarks>
public static class ConversationMarkers
{
    private const string ConversationPrefix = " " + Claims.AgentTags.ConversationPrefix;

    /// <summary>Returns the description of a Letta conversation created for <paramref name="conversationId"/> by the create call <paramref name="creation"/>.</summary>
    /// <param name="conversationId">The host conversation.</param>
    /// <param name="creation">The create call's marker.</param>
    /// <returns>The description.</returns>
    public static string Describe(string conversationId, string creation) =>
        $"{Claims.AgentTags.Runtime} {Claims.AgentTags.CreationPrefix}{creation}{ConversationPrefix}{conversationId}";

    /// <summary>Returns the host conversation a description names, if the runtime wrote it.</summary>
    /// <param name="description">A Letta conversation's description.</param>
    /// <returns>The host conversation id, or <see langword="null"/>.</returns>
    public static string? ConversationOf(string? description)
    {
        if (description is null || !description.StartsWith(Claims.AgentTags.Runtime + " ", StringComparison.Ordinal))
        {
            return null;
        }

        var at = description.IndexOf(ConversationPrefix, StringComparison.Ordinal);
        return at < 0 || at + ConversationPrefix.Length >= description.Length ? null : description[(at + ConversationPrefix.Length)..];
    }

    /// <summary>Returns whether a description was written by the create call <paramref name="creation"/>.</summary>
    /// <param name="description">A Letta conversation's description.</param>
    /// <param name="creation">The create call's marker.</param>
    /// <returns><see langword="true"/> when it was.</returns>
    public static bool IsFromCreation(string? description, string creation) =>
        description is not null && description.StartsWith($"{Claims.AgentTags.Runtime} {Claims.AgentTags.CreationPrefix}{creation}{ConversationPrefix}", StringComparison.Ordinal);
}
