namespace Nosis.AgentRuntime.Claims;

/// <content>Retiring the agent of a conversation the host deleted.</content>
public sealed partial class AgentClaimService
{
    /// <summary>Schedules deletion of the Letta agent of a conversation the host has just deleted; never throws.</summary>
    /// <param name="conversationId">The deleted conversation.</param>
    /// <param name="agentId">The agent it pointed to (read before deleting the row).</param>
    /// <returns>A task that completes once the deletion is scheduled.</returns>
    /// <remarks>
    /// Call it after the conversation row is gone: the deletion, run by the background scheduler, first checks with a fresh
    /// read that no conversation points at the agent. A deletion that fails is reported, and the hosted orphan sweeper
    /// deletes the agent later (it is tagged with the conversation and no longer claimed).
    /// </remarks>
    public Task RetireAgentAsync(string conversationId, string agentId)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(conversationId);
        ArgumentException.ThrowIfNullOrWhiteSpace(agentId);
        return _deleter.ScheduleAsync(conversationId, agentId, "its conversation was deleted");
    }
}
