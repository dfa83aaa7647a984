namespace Nosis.AgentRuntime.Recovery;

/// <summary>What recovering an unanswered turn did.</summary>
internal enum TurnRecoveryOutcome
{
    /// <summary>The conversation had no unanswered turn (or only the one being sent again).</summary>
    NothingToRecover = 0,

    /// <summary>Letta had completed the reply; it is stored as completed.</summary>
    StoredLettaReply = 1,

    /// <summary>Letta had no reply (or never got the message); a failed reply marks the turn.</summary>
    MarkedFailed = 2,
}
