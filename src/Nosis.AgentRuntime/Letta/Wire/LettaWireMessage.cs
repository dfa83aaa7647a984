using System.Text.Json;
using System.Text.Json.Serialization;

namespace Nosis.AgentRuntime.Letta.Wire;

/// <summary>Every field any Letta message may carry; mapped to a typed <see cref="LettaStreamItem"/> by <see cref="LettaStreamItemMapper"/>.</summary>
/// <remarks>The envelope strings that repeat on every token delta are read through <see cref="RepeatedStringConverter"/>.</remarks>
internal sealed class LettaWireMessage
{
    [JsonConverter(typeof(RepeatedStringConverter))]
    public string? Id { get; set; }

    [JsonConverter(typeof(RepeatedStringConverter))]
    public string? Date { get; set; }

    [JsonConverter(typeof(RepeatedStringConverter))]
    public string? MessageType { get; set; }

    [JsonConverter(typeof(RepeatedStringConverter))]
    public string? Otid { get; set; }

    [JsonConverter(typeof(RepeatedStringConverter))]
    public string? RunId { get; set; }

    [JsonConverter(typeof(RepeatedStringConverter))]
    public string? StepId { get; set; }

    public long? SeqId { get; set; }

    public string? Name { get; set; }

    public string? Reasoning { get; set; }

    [JsonConverter(typeof(LettaWireTextConverter))]
    public LettaWireText Content { get; set; }

    public JsonElement? ToolCall { get; set; }

    public JsonElement? ToolCalls { get; set; }

    public JsonElement? ToolReturn { get; set; }

    public string? ToolCallId { get; set; }

    public JsonElement? ToolReturns { get; set; }

    public string? State { get; set; }

    public string? HiddenReasoning { get; set; }

    public string? Status { get; set; }

    public string? StopReason { get; set; }

    public long? PromptTokens { get; set; }

    public long? CompletionTokens { get; set; }

    public long? TotalTokens { get; set; }

    public int? StepCount { get; set; }

    public long? CachedInputTokens { get; set; }

    public long? ReasoningTokens { get; set; }

    public long? CacheWriteTokens { get; set; }

    public long? ContextTokens { get; set; }

    public List<string>? RunIds { get; set; }

    public string? ErrorType { get; set; }

    public JsonElement? Message { get; set; }

    public JsonElement? Detail { get; set; }

    public JsonElement? Error { get; set; }

    public string? Code { get; set; }
}
