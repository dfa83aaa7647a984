using System.Text.Json;

namespace Nosis.AgentRuntime.Streaming;

/// <summary>The chunk types, field names and enum values of the UI message stream, encoded once.</summary>
internal static class ChunkNames
{
    public static readonly JsonEncodedText Type = JsonEncodedText.Encode("type");
    public static readonly JsonEncodedText Id = JsonEncodedText.Encode("id");
    public static readonly JsonEncodedText Delta = JsonEncodedText.Encode("delta");
    public static readonly JsonEncodedText MessageId = JsonEncodedText.Encode("messageId");
    public static readonly JsonEncodedText MessageMetadata = JsonEncodedText.Encode("messageMetadata");
    public static readonly JsonEncodedText FinishReason = JsonEncodedText.Encode("finishReason");
    public static readonly JsonEncodedText ToolCallId = JsonEncodedText.Encode("toolCallId");
    public static readonly JsonEncodedText ToolName = JsonEncodedText.Encode("toolName");
    public static readonly JsonEncodedText Input = JsonEncodedText.Encode("input");
    public static readonly JsonEncodedText Output = JsonEncodedText.Encode("output");
    public static readonly JsonEncodedText ErrorText = JsonEncodedText.Encode("errorText");
    public static readonly JsonEncodedText Reason = JsonEncodedText.Encode("reason");
    public static readonly JsonEncodedText Model = JsonEncodedText.Encode("model");
    public static readonly JsonEncodedText Stopped = JsonEncodedText.Encode("stopped");
    public static readonly JsonEncodedText ProviderMetadata = JsonEncodedText.Encode("providerMetadata");
    public static readonly JsonEncodedText Letta = JsonEncodedText.Encode("letta");
    public static readonly JsonEncodedText Hidden = JsonEncodedText.Encode("hidden");
    public static readonly JsonEncodedText State = JsonEncodedText.Encode("state");
    public static readonly JsonEncodedText Usage = JsonEncodedText.Encode("usage");
    public static readonly JsonEncodedText InputTokens = JsonEncodedText.Encode("inputTokens");
    public static readonly JsonEncodedText OutputTokens = JsonEncodedText.Encode("outputTokens");
    public static readonly JsonEncodedText TotalTokens = JsonEncodedText.Encode("totalTokens");
    public static readonly JsonEncodedText ReasoningTokens = JsonEncodedText.Encode("reasoningTokens");
    public static readonly JsonEncodedText CachedInputTokens = JsonEncodedText.Encode("cachedInputTokens");
    public static readonly JsonEncodedText StepCount = JsonEncodedText.Encode("stepCount");

    public static readonly JsonEncodedText Start = JsonEncodedText.Encode("start");
    public static readonly JsonEncodedText StartStep = JsonEncodedText.Encode("start-step");
    public static readonly JsonEncodedText FinishStep = JsonEncodedText.Encode("finish-step");
    public static readonly JsonEncodedText Finish = JsonEncodedText.Encode("finish");
    public static readonly JsonEncodedText TextStart = JsonEncodedText.Encode("text-start");
    public static readonly JsonEncodedText TextDelta = JsonEncodedText.Encode("text-delta");
    public static readonly JsonEncodedText TextEnd = JsonEncodedText.Encode("text-end");
    public static readonly JsonEncodedText ReasoningStart = JsonEncodedText.Encode("reasoning-start");
    public static readonly JsonEncodedText ReasoningDelta = JsonEncodedText.Encode("reasoning-delta");
    public static readonly JsonEncodedText ReasoningEnd = JsonEncodedText.Encode("reasoning-end");
    public static readonly JsonEncodedText ToolInputAvailable = JsonEncodedText.Encode("tool-input-available");
    public static readonly JsonEncodedText ToolInputError = JsonEncodedText.Encode("tool-input-error");
    public static readonly JsonEncodedText ToolOutputAvailable = JsonEncodedText.Encode("tool-output-available");
    public static readonly JsonEncodedText ToolOutputError = JsonEncodedText.Encode("tool-output-error");
    public static readonly JsonEncodedText Error = JsonEncodedText.Encode("error");
    public static readonly JsonEncodedText Abort = JsonEncodedText.Encode("abort");

    public static readonly JsonEncodedText Stop = JsonEncodedText.Encode("stop");
    public static readonly JsonEncodedText Length = JsonEncodedText.Encode("length");
    public static readonly JsonEncodedText ContentFilter = JsonEncodedText.Encode("content-filter");
    public static readonly JsonEncodedText ToolCalls = JsonEncodedText.Encode("tool-calls");
    public static readonly JsonEncodedText Other = JsonEncodedText.Encode("other");

    /// <summary>Gets the wire name of a finish reason.</summary>
    public static JsonEncodedText OfFinishReason(ChatFinishReason reason) => reason switch
    {
        ChatFinishReason.Stop => ChunkNames.Stop,
        ChatFinishReason.Length => ChunkNames.Length,
        ChatFinishReason.ContentFilter => ChunkNames.ContentFilter,
        ChatFinishReason.ToolCalls => ChunkNames.ToolCalls,
        ChatFinishReason.Error => ChunkNames.Error,
        _ => ChunkNames.Other,
    };
}
