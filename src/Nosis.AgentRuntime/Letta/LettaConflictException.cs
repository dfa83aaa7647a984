using System.Net;

namespace Nosis.AgentRuntime.Letta;

/// <summary>The exception thrown when Letta answers 409: the agent is busy (another run, a pending approval, a lock).</summary>
/// <remarks>The client does not know the conversation; the layer above maps this to <see cref="AgentBusyException"/>. Never retried blindly.</remarks>
public sealed class LettaConflictException : LettaApiException
{
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
}
