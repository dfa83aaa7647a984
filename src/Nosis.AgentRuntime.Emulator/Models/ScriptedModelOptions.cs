namespace Nosis.AgentRuntime.Emulator.Models;

/// <summary>How a <see cref="ScriptedModelServer"/> presents itself and what it answers when no reply is queued.</summary>
public sealed class ScriptedModelOptions
{
    /// <summary>The model id <c>GET /v1/models</c> lists. Default: <c>scripted</c> (Letta's handle is then <c>openai-compatible/scripted</c>).</summary>
    public string ModelId { get; set; } = "scripted";

    /// <summary>The reply for a request that finds the queue empty. Default: the text <c>Echo: </c> and <see cref="ScriptedModelRequest.LastUserText"/>.</summary>
    public Func<ScriptedModelRequest, ScriptedReply> DefaultReply { get; set; } = request => new ScriptedReply().Text("Echo: " + request.LastUserText);
}
