using System.Runtime.InteropServices;
using System.Text.Json;
using Nosis.AgentRuntime.Letta;

namespace Nosis.AgentRuntime.AppServer;

/// <summary>Turns a <c>stream_delta</c>'s <c>delta</c> into the Letta item the turn pipeline reads, or nothing.</summary>
/// <remarks>
/// A delta of <c>type: "message"</c> is a Letta V1 message (Protocol V2's <c>MessageDelta</c>). The App Server reports every tool
/// call as an <c>approval_request_message</c>: a call of one of its own tools runs on the server, so it becomes a
/// <see cref="LettaToolCallMessage"/>; a call of one of the runtime's external tools is announced by its
/// <c>external_tool_call_request</c> instead. Stop reasons wait for <c>turn_finished</c>, and the echo of a user message is
/// dropped. A terminal <c>loop_error</c> becomes a <see cref="LettaStreamError"/>; the other lifecycle deltas carry nothing the
/// reply shows.
/// </remarks>
internal static class StreamDeltas
{
    public static LettaStreamItem? Map(JsonElement delta, IReadOnlySet<string> externalTools)
    {
        switch (AppServerFrames.Type(delta))
        {
            case "message":
                break;
            case "loop_error" when delta.TryGetProperty("is_terminal", out var terminal) && terminal.ValueKind == JsonValueKind.True:
                return new LettaStreamError(AppServerFrames.String(delta, "message") ?? "The App Server's agent loop failed.")
                {
                    ErrorType = AppServerFrames.String(delta, "stop_reason"),
                };
            default:
                return null;
        }

        return LettaStreamItem.Parse(JsonMarshal.GetRawUtf8Value(delta)) switch
        {
            LettaApprovalRequestMessage approval => ServerCalls(approval, externalTools),
            LettaStopReason or LettaUserMessage => null,
            var item => item,
        };
    }

    private static LettaToolCallMessage? ServerCalls(LettaApprovalRequestMessage approval, IReadOnlySet<string> externalTools)
    {
        var calls = approval.ToolCalls.Where(call => call.Name is null || !externalTools.Contains(call.Name)).ToList();
        return calls.Count == 0 ? null : new LettaToolCallMessage(calls) { Id = approval.Id, RunId = approval.RunId, SeqId = approval.SeqId, Date = approval.Date };
    }
}
