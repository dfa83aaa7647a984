using Nosis.AgentRuntime.Execution;

namespace Nosis.AgentRuntime.Data;

/// <summary>What a host passes to create a conversation.</summary>
/// <param name="UserId">The owner.</param>
/// <remarks>
/// The office is resolved by the ownership policy: a conversation with a workspace belongs to the workspace's office
/// (naming another office is refused); one without takes <see cref="OfficeId"/>, or the user's personal office.
/// </remarks>
public sealed record NewConversation(string UserId)
{
    /// <summary>Gets the id to use.</summary>
    /// <value><see langword="null"/> to generate one.</value>
    public string? Id { get; init; }

    /// <summary>Gets the owning office.</summary>
    /// <value><see langword="null"/> for the workspace's office, or the user's personal office for a chat thread.</value>
    public string? OfficeId { get; init; }

    /// <summary>Gets the workspace to attach.</summary>
    /// <value><see langword="null"/>: a detached chat thread.</value>
    public string? WorkspaceId { get; init; }

    /// <summary>Gets where its tools run.</summary>
    /// <value><see cref="ExecutionTarget.Sandbox"/>.</value>
    public ExecutionTarget ExecutionTarget { get; init; } = ExecutionTarget.Sandbox;

    /// <summary>Gets the title.</summary>
    /// <value><see langword="null"/>.</value>
    public string? Title { get; init; }
}
