using Nosis.AgentRuntime.Data;

namespace Nosis.AgentRuntime.Samples.WorkerHost.Infrastructure;

/// <summary>Decides which offices and workspaces a user may see: their personal office and the shared offices they belong to.</summary>
internal sealed class OfficeAccess(AgentRuntimeDatabase database, OfficeMembers members)
{
    /// <summary>Returns the office when the user may use it; <see langword="null"/> when it does not exist or is someone else's.</summary>
    public async Task<OfficeRecord?> FindAsync(string officeId, string userId, CancellationToken cancellationToken)
    {
        var office = await database.Offices.GetOfficeAsync(officeId, cancellationToken);
        if (office is null)
        {
            return null;
        }

        return office.PersonalUserId == userId || (office.PersonalUserId is null && await members.IsMemberAsync(officeId, userId, cancellationToken))
            ? office
            : null;
    }

    /// <summary>Returns the workspace when the user may use its office; <see langword="null"/> otherwise.</summary>
    public async Task<WorkspaceRecord?> FindWorkspaceAsync(string workspaceId, string userId, CancellationToken cancellationToken)
    {
        var workspace = await database.Workspaces.GetWorkspaceAsync(workspaceId, cancellationToken);
        return workspace is not null && await FindAsync(workspace.OfficeId, userId, cancellationToken) is not null ? workspace : null;
    }

    /// <summary>Returns the conversation when the user owns it; <see langword="null"/> otherwise, so another user's conversation is never leaked.</summary>
    public async Task<ConversationRecord?> FindConversationAsync(string conversationId, string userId, CancellationToken cancellationToken)
    {
        var conversation = await database.Conversations.GetConversationAsync(conversationId, cancellationToken);
        return conversation is not null && conversation.UserId == userId ? conversation : null;
    }
}
