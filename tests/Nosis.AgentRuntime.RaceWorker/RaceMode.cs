namespace Nosis.AgentRuntime.RaceWorker;

/// <summary>What each of the concurrent first-message callers of a conversation does.</summary>
internal enum RaceMode
{
    /// <summary>Every caller runs a full chat turn (resolve the agent, save the message, stream the reply).</summary>
    Turns,

    /// <summary>Every caller resolves the agent concurrently; then the process runs one chat turn for the conversation.</summary>
    ClaimsThenTurn,
}
