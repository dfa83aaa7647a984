namespace Nosis.AgentRuntime.AppServer;

/// <summary>Decides whether one of the App Server's own tools (shell, file reads and edits, …) may run on the server machine for one call.</summary>
/// <remarks>
/// The server asks (<c>control_request</c> <c>can_use_tool</c>) in every permission mode but <see cref="AppServerPermissionMode.Unrestricted"/>.
/// The default, <see cref="ConfiguredAppServerToolPolicy"/>, denies every call on the <c>sandbox</c> target and allows on <c>local</c>
/// only the tools the host lists. A policy that cannot decide must deny: a call is never left unanswered.
/// </remarks>
public interface IAppServerToolPolicy
{
    /// <summary>Decides one call.</summary>
    /// <param name="request">The call and the conversation it is made in.</param>
    /// <param name="cancellationToken">Fires when the turn ends.</param>
    /// <returns>Allow, or deny with the reason the agent is told.</returns>
    ValueTask<AppServerToolDecision> DecideAsync(AppServerToolRequest request, CancellationToken cancellationToken = default);
}
