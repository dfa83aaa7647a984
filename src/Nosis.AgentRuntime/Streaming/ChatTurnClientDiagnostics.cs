namespace Nosis.AgentRuntime.Streaming;

/// <summary>The diagnostic id of the turn pipeline's experimental API.</summary>
internal static class ChatTurnClientDiagnostics
{
    /// <summary>Marks <see cref="IChatTurnClient"/> and the API around it while it settles.</summary>
    public const string ExperimentalId = "NOSIS001";
}
