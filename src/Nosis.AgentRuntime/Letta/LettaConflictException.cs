using System.Net;

namespace Nosis.AgentRuntime.Letta;

/// <summary>The exception thrown when Letta answers 409: the agent waits for a tool approval, or is busy with another run or a lock.</summary>
/// <remarks>
/// <see cref="Kind"/> tells them apart from what the server said, never by guessing: the stream wrapper's
/// <c>{"detail": {"code": "PENDING_APPROVAL", …}}</c>, the app handler's plain-string <c>detail</c>, or Letta Cloud's
/// <c>{"error": "Conversation is busy with another active run."}</c>. The client does not know the conversation; the layer above maps a busy agent to
/// <see cref="AgentBusyException"/>. Never retried blindly.
/// </remarks>
public sealed class LettaConflictException : LettaApiException
{
    /// <summary>The code Letta gives a 409 whose agent waits for a tool approval.</summary>
    public const string PendingApprovalCode = "PENDING_APPROVAL";

    /// <summary>Initializes a new instance.</summary>
    /// <param name="operation">The request, e.g. <c>POST /v1/agents/agent-…/messages/stream</c>.</param>
    /// <param name="serverMessage">The server's message, redacted and shortened.</param>
    /// <param name="code">The server's error code, e.g. <c>PENDING_APPROVAL</c>, if any.</param>
    public LettaConflictException(string operation, string? serverMessage, string? code = null)
        : base(HttpStatusCode.Conflict, operation, serverMessage)
    {
        Code = code;
    }

    /// <summary>Gets the server's error code, e.g. <c>PENDING_APPROVAL</c>, if any.</summary>
    public string? Code { get; }

    /// <summary>Gets the id of the pending <c>approval_request_message</c>, when the server named it.</summary>
    public string? PendingRequestId { get; init; }

    /// <summary>Gets the run the agent is busy with, when the server named it.</summary>
    public string? BusyRunId { get; init; }

    /// <summary>Gets whether the agent is waiting for the result of a tool call rather than busy with another run.</summary>
    public bool IsPendingApproval => Kind == LettaConflictKind.PendingApproval;

    /// <summary>Gets what the conflict means, read from the code Letta gave or, without one, from the words of its message.</summary>
    public LettaConflictKind Kind => Code switch
    {
        PendingApprovalCode => LettaConflictKind.PendingApproval,
        "CONVERSATION_BUSY" => LettaConflictKind.Busy,
        "NO_ACTIVE_RUNS_TO_CANCEL" => LettaConflictKind.NoActiveRunsToCancel,
        "CONCURRENT_UPDATE" => LettaConflictKind.ConcurrentUpdate,
        _ when Says("waiting for approval") => LettaConflictKind.PendingApproval,
        _ when Says("is currently being processed") || Says("busy with another active run") => LettaConflictKind.Busy,
        _ when Says("no active runs to cancel") => LettaConflictKind.NoActiveRunsToCancel,
        _ when Says("was updated by another transaction") => LettaConflictKind.ConcurrentUpdate,
        _ => LettaConflictKind.Other,
    };

    private bool Says(string words) => ServerMessage?.Contains(words, StringComparison.OrdinalIgnoreCase) == true;
}
