using Nosis.AgentRuntime.Execution;

namespace Nosis.AgentRuntime.Data;

/// <summary>The changes to make to a conversation; members left unset keep their stored value.</summary>
public sealed record ConversationUpdate
{
    /// <summary>Gets the new title.</summary>
    /// <value><see langword="null"/> to keep the title.</value>
    public string? Title { get; init; }

    /// <summary>Gets the new execution target.</summary>
    /// <value><see langword="null"/> to keep the target.</value>
    public ExecutionTarget? ExecutionTarget { get; init; }

    /// <summary>Gets the workspace to attach, or <see langword="null"/> to detach; only applied when set (see <see cref="ChangesWorkspace"/>).</summary>
    /// <remarks>Attaching a workspace of another office is refused: a conversation never changes office by attachment.</remarks>
    public string? WorkspaceId
    {
        get;
        init
        {
            _ = ThreadKinds.Of(value);
            field = value;
            ChangesWorkspace = true;
        }
    }

    /// <summary>Gets a value indicating whether <see cref="WorkspaceId"/> was set, to <see langword="null"/> included.</summary>
    public bool ChangesWorkspace { get; private init; }
}
