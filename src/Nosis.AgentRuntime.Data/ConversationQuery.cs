using Nosis.AgentRuntime.Execution;

namespace Nosis.AgentRuntime.Data;

/// <summary>Filters and paging for listing conversations, newest change first.</summary>
public sealed record ConversationQuery
{
    /// <summary>Gets the execution target to list.</summary>
    /// <value><see cref="ExecutionTargets.DefaultListFilter"/> (sandbox, which includes legacy <c>default</c> rows), so local threads never leak into web lists.</value>
    public ExecutionTarget ExecutionTarget { get; init; } = ExecutionTargets.DefaultListFilter;

    /// <summary>Gets the owner to list for.</summary>
    /// <value><see langword="null"/> for every user.</value>
    public string? UserId { get; init; }

    /// <summary>Gets the office to list for.</summary>
    /// <value><see langword="null"/> for every office.</value>
    public string? OfficeId { get; init; }

    /// <summary>Gets the thread kind to list: chat threads have no workspace, code threads have one.</summary>
    /// <value><see langword="null"/> for both.</value>
    public ThreadKind? ThreadKind { get; init; }

    /// <summary>Gets the one workspace whose threads to list.</summary>
    /// <value><see langword="null"/> for any.</value>
    public string? WorkspaceId { get; init; }

    /// <summary>Gets the most rows to return, 1 to 1000.</summary>
    /// <value>50.</value>
    public int Limit { get; init; } = 50;

    /// <summary>Gets how many rows to skip.</summary>
    /// <value>0.</value>
    public int Offset { get; init; }
}
