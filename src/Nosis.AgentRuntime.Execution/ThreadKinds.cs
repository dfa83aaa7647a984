namespace Nosis.AgentRuntime.Execution;

/// <summary>Decides a conversation's <see cref="ThreadKind"/> from its workspace attachment, never from an execution label.</summary>
public static class ThreadKinds
{
    /// <summary>Returns the kind of a thread with the given workspace.</summary>
    /// <param name="workspaceId">The attached workspace, or <see langword="null"/> for a detached chat thread.</param>
    /// <returns><see cref="ThreadKind.Chat"/> for <see langword="null"/>; otherwise <see cref="ThreadKind.Code"/>.</returns>
    /// <exception cref="ArgumentException"><paramref name="workspaceId"/> is empty or white space: a thread has a real workspace id or none.</exception>
    public static ThreadKind Of(string? workspaceId)
    {
        if (workspaceId is null)
        {
            return ThreadKind.Chat;
        }

        if (string.IsNullOrWhiteSpace(workspaceId))
        {
            throw new ArgumentException("A workspace id is either null (a chat thread) or a non-blank id (a code thread); it was blank.", nameof(workspaceId));
        }

        return ThreadKind.Code;
    }
}
