namespace Nosis.AgentRuntime.Emulator;

/// <summary>How the emulator loses the response of a create call after the agent was created.</summary>
public enum LostResponseKind
{
    /// <summary>The connection is reset before any response byte is sent.</summary>
    ResetConnection,

    /// <summary>No response is sent until the client gives up (or 60 seconds pass).</summary>
    Stall,
}
