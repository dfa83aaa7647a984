using Nosis.AgentRuntime.Letta;

namespace Nosis.AgentRuntime.Recovery;

/// <summary>What Letta kept of one turn: whether it has the user message, and the messages after it up to the next user message, oldest first.</summary>
/// <param name="Found">Whether Letta has the turn's user message.</param>
/// <param name="Reply">The messages of the reply, oldest first; empty when Letta produced none.</param>
internal sealed record LettaTurnHistory(bool Found, IReadOnlyList<LettaStreamItem> Reply)
{
    /// <summary>Gets the history of a turn Letta never received.</summary>
    public static LettaTurnHistory NotFound { get; } = new(false, []);
}
