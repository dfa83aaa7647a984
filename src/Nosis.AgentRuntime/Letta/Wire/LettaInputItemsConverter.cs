using System.Text.Json;
using System.Text.Json.Serialization;

namespace Nosis.AgentRuntime.Letta.Wire;

/// <summary>Writes a send's <c>messages</c>: <c>MessageCreate</c>, <c>ToolReturnCreate</c> or <c>ApprovalCreate</c> items, as <c>@letta-ai/letta-client</c> 1.12.1 types them.</summary>
internal sealed class LettaInputItemsConverter : JsonConverter<IReadOnlyList<LettaInputItem>>
{
    public override IReadOnlyList<LettaInputItem> Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        throw new NotSupportedException("Send bodies are only written.");

    public override void Write(Utf8JsonWriter writer, IReadOnlyList<LettaInputItem> value, JsonSerializerOptions options)
    {
        writer.WriteStartArray();
        foreach (var item in value)
        {
            writer.WriteStartObject();
            switch (item)
            {
                case LettaInputMessage message:
                    writer.WriteString("type", "message");
                    writer.WriteString("role", message.Role);
                    writer.WriteString("content", message.Content);
                    if (message.Otid is { } otid)
                    {
                        writer.WriteString("otid", otid);
                    }

                    break;
                case LettaApprovalInput { Decisions.Count: 0 } results:
                    writer.WriteString("type", "tool_return");
                    writer.WriteStartArray("tool_returns");
                    WriteReturns(writer, results.Approvals);
                    writer.WriteEndArray();
                    break;
                case LettaApprovalInput approval:
                    writer.WriteString("type", "approval");
                    writer.WriteStartArray("approvals");
                    WriteReturns(writer, approval.Approvals);
                    WriteDecisions(writer, approval.Decisions);
                    writer.WriteEndArray();
                    break;
                default:
                    throw new NotSupportedException($"{item.GetType().Name} is not a Letta input item.");
            }

            writer.WriteEndObject();
        }

        writer.WriteEndArray();
    }

    private static void WriteReturns(Utf8JsonWriter writer, IReadOnlyList<LettaToolReturn> returns)
    {
        foreach (var result in returns)
        {
            writer.WriteStartObject();
            writer.WriteString("type", result.Type);
            writer.WriteString("tool_call_id", result.ToolCallId);
            writer.WriteString("tool_return", result.ToolReturnValue);
            writer.WriteString("status", result.Status == LettaToolReturnStatus.Error ? "error" : "success");
            writer.WriteEndObject();
        }
    }

    private static void WriteDecisions(Utf8JsonWriter writer, IReadOnlyList<LettaApprovalDecision> decisions)
    {
        foreach (var decision in decisions)
        {
            writer.WriteStartObject();
            writer.WriteString("type", "approval");
            writer.WriteString("tool_call_id", decision.ToolCallId);
            writer.WriteBoolean("approve", decision.Approve);
            if (decision.Reason is { } reason)
            {
                writer.WriteString("reason", reason);
            }

            writer.WriteEndObject();
        }
    }
}
