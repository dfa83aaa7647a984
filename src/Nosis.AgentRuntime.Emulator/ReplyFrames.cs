using System.Globalization;
using System.Text.Json.Nodes;

namespace Nosis.AgentRuntime.Emulator;

/// <summary>
/// The envelope of every frame of one run, as Letta's <c>LettaMessage</c> serializes it (letta/schemas/letta_message.py):
/// <c>id, date, name, message_type, otid, sender_id, step_id, is_err, seq_id, run_id</c>. One message id per LLM step; the
/// <c>otid</c> index goes up whenever the message type changes (Message.generate_otid_from_id in letta/schemas/message.py).
/// </summary>
internal sealed class ReplyFrames(string runId, TimeProvider time)
{
    private string _messageId = WireFormat.NewId("message");
    private string _stepId = WireFormat.NewId("step");
    private string? _lastType;
    private int _otidIndex;

    public string RunId => runId;

    public int Steps { get; private set; } = 1;

    public void NextLlmStep()
    {
        _messageId = WireFormat.NewId("message");
        _stepId = WireFormat.NewId("step");
        _lastType = null;
        _otidIndex = 0;
        Steps++;
    }

    /// <summary>A message of the current step; its <c>otid</c> follows the type changes.</summary>
    public JsonObject Message(string messageType, JsonObject fields)
    {
        if (_lastType is not null && _lastType != messageType)
        {
            _otidIndex++;
        }

        _lastType = messageType;
        return Envelope(_messageId, messageType, Otid(_messageId, _otidIndex), fields);
    }

    /// <summary>
    /// An approval request of the current step: its id is the step's message id minus one and its <c>otid</c> is that id
    /// (decrement_message_uuid and generate_otid_from_id(…, -1) in letta/interfaces/openai_streaming_interface.py).
    /// </summary>
    public JsonObject ApprovalRequest(JsonObject fields)
    {
        var id = Decrement(_messageId);
        return Envelope(id, "approval_request_message", id, fields);
    }

    /// <summary>A keepalive ping: the full envelope with a <c>ping-…</c> id (LettaPing in letta/schemas/letta_message.py).</summary>
    public JsonObject Ping() => Envelope(WireFormat.NewId("ping"), "ping", null, [], inStep: false);

    /// <summary>A frame without envelope: <c>stop_reason</c>, <c>usage_statistics</c>.</summary>
    public static JsonObject Plain(string messageType, JsonObject fields)
    {
        var bare = new JsonObject { ["message_type"] = messageType };
        Move(fields, bare);
        return bare;
    }

    private JsonObject Envelope(string id, string messageType, string? otid, JsonObject fields, bool inStep = true)
    {
        var message = new JsonObject
        {
            ["id"] = id,
            ["date"] = WireFormat.Date(time.GetUtcNow()),
            ["name"] = null,
            ["message_type"] = messageType,
            ["otid"] = otid,
            ["sender_id"] = null,
            ["step_id"] = inStep ? _stepId : null,
            ["is_err"] = null,
            ["seq_id"] = null,
            ["run_id"] = runId,
        };
        Move(fields, message);
        return message;
    }

    private static void Move(JsonObject from, JsonObject to)
    {
        foreach (var field in from.ToList())
        {
            from.Remove(field.Key);
            to[field.Key] = field.Value;
        }
    }

    private static string Otid(string messageId, int index)
    {
        var value = UInt128.Parse(messageId["message-".Length..].Replace("-", string.Empty, StringComparison.Ordinal), NumberStyles.HexNumber, CultureInfo.InvariantCulture);
        return Format((value & ~(UInt128)0x7F) | (uint)(index & 0x7F));
    }

    private static string Decrement(string messageId)
    {
        var value = UInt128.Parse(messageId["message-".Length..].Replace("-", string.Empty, StringComparison.Ordinal), NumberStyles.HexNumber, CultureInfo.InvariantCulture);
        return "message-" + Format(value - 1);
    }

    private static string Format(UInt128 value)
    {
        var hex = value.ToString("x32", CultureInfo.InvariantCulture);
        return $"{hex[..8]}-{hex[8..12]}-{hex[12..16]}-{hex[16..20]}-{hex[20..]}";
    }
}
