using Nosis.AgentRuntime.Contracts;

namespace Nosis.AgentRuntime.Samples.WorkerHost.Infrastructure;

/// <summary>Which agent model the worker's conversations use: <c>Conversations:AgentScope</c> = <c>Conversation</c> (default), <c>User</c> or <c>Office</c>.</summary>
/// <remarks>
/// <c>Conversation</c> gives every conversation an agent of its own; <c>User</c> shares one agent (and its memory) across a
/// user's conversations in an office, <c>Office</c> across the whole office, each conversation in its own Letta conversation.
/// </remarks>
internal sealed record AgentScopeSettings(AgentScope Scope)
{
    public const string Key = "Conversations:AgentScope";

    /// <summary>Reads the setting; <paramref name="error"/> names the accepted values when it is unusable.</summary>
    public static AgentScopeSettings Read(IConfiguration configuration, out string? error)
    {
        error = null;
        var value = configuration[Key];
        if (string.IsNullOrWhiteSpace(value))
        {
            return new AgentScopeSettings(AgentScope.Conversation);
        }

        if (Enum.TryParse<AgentScope>(value, ignoreCase: true, out var scope) && Enum.IsDefined(scope) && !int.TryParse(value, out _))
        {
            return new AgentScopeSettings(scope);
        }

        error = $"{Key} must be Conversation, User or Office (got '{(value.Length > 40 ? value[..40] + "…" : value)}').";
        return new AgentScopeSettings(AgentScope.Conversation);
    }
}
