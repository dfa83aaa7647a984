namespace Nosis.AgentRuntime.AppServer;

/// <summary>A host's answer to a call of one of the App Server's own tools.</summary>
/// <param name="IsAllowed">Whether the tool may run.</param>
/// <param name="Reason">What the agent is told: required when denied.</param>
public sealed record AppServerToolDecision(bool IsAllowed, string? Reason)
{
    /// <summary>Lets the call run.</summary>
    /// <returns>The decision.</returns>
    public static AppServerToolDecision Allow() => new(true, null);

    /// <summary>Refuses the call; the agent gets <paramref name="reason"/> as the tool's result.</summary>
    /// <param name="reason">Why, in words the agent can act on.</param>
    /// <returns>The decision.</returns>
    public static AppServerToolDecision Deny(string reason)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(reason);
        return new(false, reason);
    }
}
