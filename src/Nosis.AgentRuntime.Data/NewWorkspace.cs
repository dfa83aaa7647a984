namespace Nosis.AgentRuntime.Data;

/// <summary>What a host passes to create a workspace.</summary>
/// <param name="UserId">The user who creates it.</param>
/// <param name="Name">The display name.</param>
public sealed record NewWorkspace(string UserId, string Name)
{
    /// <summary>Gets the id to use.</summary>
    /// <value><see langword="null"/> to generate one.</value>
    public string? Id { get; init; }

    /// <summary>Gets the owning office.</summary>
    /// <value><see langword="null"/> for the user's personal office (created when missing).</value>
    public string? OfficeId { get; init; }
}
