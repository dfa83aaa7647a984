namespace Nosis.AgentRuntime.Letta;

/// <summary>What a 409 from Letta means, told apart by the answer's shape (its code, or the words Letta's errors use), never guessed.</summary>
/// <remarks>Codes as in <c>letta/errors.py</c> of <c>letta-ai/letta</c>; the words as letta-code's <c>src/agent/turn-recovery-policy.ts</c> reads them.</remarks>
public enum LettaConflictKind
{
    /// <summary>Another 409, e.g. a database lock; the request may be sent again later.</summary>
    Other,

    /// <summary>The conversation is busy with another run (<c>CONVERSATION_BUSY</c>, "is currently being processed", "busy with another active run").</summary>
    Busy,

    /// <summary>The agent waits for the answer to a tool call (<c>PENDING_APPROVAL</c>, "waiting for approval").</summary>
    PendingApproval,

    /// <summary>A cancel found no active run (<c>NO_ACTIVE_RUNS_TO_CANCEL</c>, "No active runs to cancel").</summary>
    NoActiveRunsToCancel,

    /// <summary>Another transaction updated the resource first (<c>CONCURRENT_UPDATE</c>, "was updated by another transaction").</summary>
    ConcurrentUpdate,
}
