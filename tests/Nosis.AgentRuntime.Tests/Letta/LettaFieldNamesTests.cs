using System.Text;
using System.Text.Json;
using Nosis.AgentRuntime.Letta.Wire;

namespace Nosis.AgentRuntime.Tests.Letta;

public sealed class LettaFieldNamesTests
{
    /// <summary>Every field with its name in Letta's snake case (letta/schemas/letta_message.py, letta_stop_reason.py, usage.py).</summary>
    private static readonly Dictionary<LettaField, string> Names = new()
    {
        [LettaField.MessageType] = "message_type", [LettaField.Content] = "content", [LettaField.Id] = "id", [LettaField.Date] = "date",
        [LettaField.Otid] = "otid", [LettaField.RunId] = "run_id", [LettaField.StepId] = "step_id", [LettaField.SeqId] = "seq_id",
        [LettaField.Reasoning] = "reasoning", [LettaField.Name] = "name", [LettaField.ToolCall] = "tool_call", [LettaField.ToolCalls] = "tool_calls",
        [LettaField.ToolReturn] = "tool_return", [LettaField.ToolReturns] = "tool_returns", [LettaField.ToolCallId] = "tool_call_id",
        [LettaField.Status] = "status", [LettaField.StopReason] = "stop_reason", [LettaField.PromptTokens] = "prompt_tokens",
        [LettaField.CompletionTokens] = "completion_tokens", [LettaField.TotalTokens] = "total_tokens", [LettaField.StepCount] = "step_count",
        [LettaField.CachedInputTokens] = "cached_input_tokens", [LettaField.ReasoningTokens] = "reasoning_tokens",
        [LettaField.CacheWriteTokens] = "cache_write_tokens", [LettaField.ContextTokens] = "context_tokens", [LettaField.RunIds] = "run_ids",
        [LettaField.State] = "state", [LettaField.HiddenReasoning] = "hidden_reasoning", [LettaField.ErrorType] = "error_type",
        [LettaField.Message] = "message", [LettaField.Detail] = "detail", [LettaField.Error] = "error", [LettaField.Code] = "code",
        [LettaField.Summary] = "summary", [LettaField.CompactionStats] = "compaction_stats", [LettaField.EventType] = "event_type",
        [LettaField.EventData] = "event_data",
    };

    [Test]
    public void Of_EveryFieldName_FindsItsField()
    {
        Names.Keys.Should().BeEquivalentTo(Enum.GetValues<LettaField>().Where(f => f != LettaField.Unknown));
        foreach (var (field, name) in Names)
        {
            LettaFieldNames.Of(Encoding.UTF8.GetBytes(name)).Should().Be(field, name);
        }
    }

    [TestCase("ID")]
    [TestCase("dote")]
    [TestCase("run_ie")]
    [TestCase("status_")]
    [TestCase("message_typo")]
    [TestCase("tool_call_ix")]
    [TestCase("sender_id")]
    [TestCase("")]
    [TestCase("cached_input_tokens_")]
    public void Of_NameOfNoField_IsUnknown(string name)
    {
        LettaFieldNames.Of(Encoding.UTF8.GetBytes(name)).Should().Be(LettaField.Unknown);
    }

    [TestCase("{\"m\\u0065ssage_type\":1}", "MessageType")]
    [TestCase("{\"\\u0069\\u0064\":1}", "Id")]
    [TestCase("{\"\\u0063\\u0061\\u0063\\u0068\\u0065\\u0064\\u005f\\u0069\\u006e\\u0070\\u0075\\u0074\\u005f\\u0074\\u006f\\u006b\\u0065\\u006e\\u0073\":1}", "CachedInputTokens")]
    [TestCase("{\"\\u0069\\u0064\\u0069\\u0064\\u0069\\u0064\\u0069\\u0064\\u0069\\u0064\\u0069\\u0064\\u0069\\u0064\\u0069\\u0064\\u0069\\u0064\\u0069\\u0064x\":1}", "Unknown")]
    public void Of_EscapedName_IsReadUnescaped(string json, string expected)
    {
        var reader = new Utf8JsonReader(Encoding.UTF8.GetBytes(json));
        reader.Read();
        reader.Read();

        LettaFieldNames.Of(ref reader).ToString().Should().Be(expected);
    }
}
