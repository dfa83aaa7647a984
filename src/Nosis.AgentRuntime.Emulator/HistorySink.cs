using System.Text;
using System.Text.Json.Nodes;

namespace Nosis.AgentRuntime.Emulator;

/// <summary>Passes a reply on and keeps it in the target's history: the user message, then each assistant message whole (token deltas joined).</summary>
internal sealed class HistorySink : IReplySink
{
    private readonly IReplySink _inner;
    private readonly SendTarget _target;
    private readonly TimeProvider _time;
    private readonly List<(JsonObject First, StringBuilder Text)> _assistant = [];
    private bool _flushed;

    public HistorySink(IReplySink inner, SendTarget target, string userText, TimeProvider time)
    {
        _inner = inner;
        _target = target;
        _time = time;
        if (userText.Length > 0)
        {
            Record(new JsonObject
            {
                ["id"] = WireFormat.NewId("message"),
                ["date"] = WireFormat.Date(time.GetUtcNow()),
                ["name"] = null,
                ["message_type"] = "user_message",
                ["otid"] = null,
                ["sender_id"] = null,
                ["step_id"] = null,
                ["is_err"] = null,
                ["seq_id"] = null,
                ["run_id"] = null,
                ["content"] = userText,
            });
        }
    }

    public ValueTask MessageAsync(JsonObject message, bool isDelta, CancellationToken cancellationToken)
    {
        if ((string?)message["message_type"] == "assistant_message")
        {
            var id = (string?)message["id"];
            var index = _assistant.FindIndex(a => (string?)a.First["id"] == id);
            if (index < 0)
            {
                _assistant.Add(((JsonObject)message.DeepClone(), new StringBuilder()));
                index = _assistant.Count - 1;
            }

            _assistant[index].Text.Append((string?)message["content"]);
        }

        return _inner.MessageAsync(message, isDelta, cancellationToken);
    }

    public ValueTask ErrorEventAsync(JsonObject payload, CancellationToken cancellationToken)
    {
        Flush();
        return _inner.ErrorEventAsync(payload, cancellationToken);
    }

    public ValueTask CancelledAsync(CancellationToken cancellationToken)
    {
        Flush();
        return _inner.CancelledAsync(cancellationToken);
    }

    public ValueTask DoneAsync(CancellationToken cancellationToken)
    {
        Flush();
        return _inner.DoneAsync(cancellationToken);
    }

    private void Flush()
    {
        if (_flushed)
        {
            return;
        }

        _flushed = true;
        foreach (var (first, text) in _assistant)
        {
            first["content"] = text.ToString();
            Record(first);
        }
    }

    private void Record(JsonObject message)
    {
        lock (_target.Gate)
        {
            _target.History.Add(message);
            if (_target is StoredConversation conversation)
            {
                conversation.LastMessageAt = _time.GetUtcNow();
            }
        }
    }
}
