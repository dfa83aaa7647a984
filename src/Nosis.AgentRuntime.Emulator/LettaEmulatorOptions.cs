namespace Nosis.AgentRuntime.Emulator;

/// <summary>How a <see cref="LettaEmulator"/> listens and behaves.</summary>
public sealed class LettaEmulatorOptions
{
    /// <summary>Gets or sets the URLs to listen on, e.g. <c>http://127.0.0.1:8283</c>.</summary>
    /// <value>The default is empty: 127.0.0.1 on a free port.</value>
    public IList<string> Urls { get; } = [];

    /// <summary>Gets or sets the bearer token every call but the health probe must carry; <see langword="null"/> for no authentication.</summary>
    public string? ApiKey { get; set; }

    /// <summary>Gets or sets how long a stream may stay silent before the emulator sends a keepalive ping.</summary>
    /// <value>The default is 20 seconds, as on Letta.</value>
    public TimeSpan PingInterval { get; set; } = TimeSpan.FromSeconds(20);

    /// <summary>Gets or sets which body a 409 for a pending approval has.</summary>
    /// <value>The default is <see cref="LettaConflictShape.DetailObject"/>, the stream wrapper's <c>{"detail": {"code": "PENDING_APPROVAL", …}}</c>.</value>
    public LettaConflictShape PendingApprovalConflictShape { get; set; } = LettaConflictShape.DetailObject;

    /// <summary>Gets or sets whether a send to an agent that is still playing another send gets 409 (ConversationBusyError), as Letta's locked conversations answer.</summary>
    /// <value>The default is <see langword="false"/>: agent-scoped sends take no lock on Letta.</value>
    public bool RejectConcurrentSends { get; set; }

    /// <summary>Gets or sets whether a send to a conversation that is still playing another send gets 409 CONVERSATION_BUSY.</summary>
    /// <value>The default is <see langword="true"/>, as Letta answers with Redis (streaming_service.py locks by conversation id); without Redis Letta takes no lock.</value>
    public bool LockConversationSends { get; set; } = true;

    /// <summary>Gets or sets whether <c>POST /v1/agents/</c> with its trailing slash is answered 404 <c>{"error": "Not Found"}</c>, as Letta Cloud answered it in July 2026 (letta-ai/letta-agent-sdk#209); <c>POST /v1/agents</c> is served either way.</summary>
    /// <value>The default is <see langword="false"/>: the official 1.12.1 client creates agents with the slash.</value>
    public bool RejectSlashedAgentCreate { get; set; }

    /// <summary>Gets or sets the clock for <c>created_at</c>, <c>date</c> and send records.</summary>
    /// <value>The default is the system clock.</value>
    public TimeProvider TimeProvider { get; set; } = TimeProvider.System;

    /// <summary>Gets or sets whether a streamed reply plays on to its end, into the agent's history, after its client went away.</summary>
    /// <value>
    /// The default is <see langword="false"/>: the reply stops where the client left and nothing of it is kept. Letta's default
    /// (<c>use_asyncio_shield = True</c> in letta/settings.py) is to go on: StreamingResponseWithStatusCode
    /// (letta/server/rest_api/streaming_response.py) keeps processing "without sending more data", so the reply is complete
    /// in the history. Set it to <see langword="true"/> to test recovery from a client (or worker) that died mid-stream.
    /// </value>
    public bool FinishRepliesAfterDisconnect { get; set; }
}
