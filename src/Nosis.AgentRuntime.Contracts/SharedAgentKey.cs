namespace Nosis.AgentRuntime.Contracts;

/// <summary>Names the agent a shared scope uses: an office's, or one user's within an office.</summary>
public sealed record SharedAgentKey
{
    /// <summary>Initializes a key.</summary>
    /// <param name="officeId">The office; required.</param>
    /// <param name="userId">The user, or <see langword="null"/> for the office's own agent.</param>
    /// <exception cref="MissingOfficeIdException"><paramref name="officeId"/> is null, empty or white space.</exception>
    /// <exception cref="ArgumentException"><paramref name="userId"/> is blank but not null.</exception>
    public SharedAgentKey(string officeId, string? userId = null)
    {
        if (string.IsNullOrWhiteSpace(officeId))
        {
            throw new MissingOfficeIdException(userId ?? "(office agent)");
        }

        if (userId is not null)
        {
            ArgumentException.ThrowIfNullOrWhiteSpace(userId);
        }

        OfficeId = officeId;
        UserId = userId;
    }

    /// <summary>Gets the office.</summary>
    public string OfficeId { get; }

    /// <summary>Gets the user, or <see langword="null"/> when the key names the office's agent.</summary>
    public string? UserId { get; }

    /// <summary>Gets the scope the key belongs to.</summary>
    public AgentScope Scope => UserId is null ? AgentScope.Office : AgentScope.User;

    /// <summary>Gets the key as one string: <c>office:{officeId}</c> or <c>office:{officeId}/user:{userId}</c>; stable, for storage and tags.</summary>
    public string Value => UserId is null ? $"office:{OfficeId}" : $"office:{OfficeId}/user:{UserId}";

    /// <summary>Returns the key of the agent <paramref name="conversation"/> shares.</summary>
    /// <param name="conversation">A conversation in the <see cref="AgentScope.User"/> or <see cref="AgentScope.Office"/> scope.</param>
    /// <returns>The key.</returns>
    /// <exception cref="ArgumentException">The conversation's scope is <see cref="AgentScope.Conversation"/>: it shares no agent.</exception>
    public static SharedAgentKey For(ConversationRuntime conversation)
    {
        ArgumentNullException.ThrowIfNull(conversation);
        return conversation.AgentScope switch
        {
            AgentScope.User => new SharedAgentKey(conversation.OfficeId, conversation.UserId),
            AgentScope.Office => new SharedAgentKey(conversation.OfficeId),
            _ => throw new ArgumentException($"Conversation {conversation.ConversationId} has its own agent (scope Conversation); it shares none.", nameof(conversation)),
        };
    }

    /// <inheritdoc/>
    public override string ToString() => Value;
}
