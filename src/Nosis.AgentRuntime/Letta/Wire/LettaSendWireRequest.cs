namespace Nosis.AgentRuntime.Letta.Wire;

/// <summary>The body of a send: <c>LettaRequest</c>, or <c>LettaStreamingRequest</c> when the streaming fields are set.</summary>
internal sealed class LettaSendWireRequest
{
    public required IReadOnlyList<LettaInputItem> Messages { get; init; }

    public int? MaxSteps { get; init; }

    public IReadOnlyList<LettaClientTool>? ClientTools { get; init; }

    public bool? StreamTokens { get; init; }

    public bool? IncludePings { get; init; }

    public bool? Streaming { get; init; }

    public bool? Background { get; init; }

    /// <summary>The non-streaming body: the streaming fields are left out, or the server answers 422.</summary>
    public static LettaSendWireRequest ForSend(LettaMessageRequest request) => new()
    {
        Messages = request.Messages,
        MaxSteps = request.MaxSteps,
        ClientTools = request.ClientTools,
    };

    /// <summary>The streaming body: token deltas and pings on; <c>streaming: true</c> for the <c>/messages</c> route.</summary>
    public static LettaSendWireRequest ForStream(LettaMessageRequest request, bool onMessagesRoute) => new()
    {
        Streaming = onMessagesRoute ? true : null,
        Messages = request.Messages,
        MaxSteps = request.MaxSteps,
        ClientTools = request.ClientTools,
        StreamTokens = true,
        IncludePings = true,
        Background = request.Background ? true : null,
    };
}
