using System.Text.Json.Nodes;

namespace Nosis.AgentRuntime.Emulator;

/// <summary>
/// Turns token chunks into whole messages (step streaming, non-streaming replies): chunks of one <c>otid</c> are joined, and tool
/// call fragments are gathered per <c>tool_call_id</c> into the <c>tool_calls</c> array, with the first call in <c>tool_call</c>.
/// </summary>
internal sealed class MergingSink(IReplySink inner) : IReplySink
{
    private readonly List<JsonObject> _calls = [];
    private JsonObject? _pending;

    public async ValueTask MessageAsync(JsonObject message, bool isDelta, CancellationToken cancellationToken)
    {
        if (isDelta && _pending is not null && (string?)_pending["otid"] == (string?)message["otid"] && (string?)_pending["message_type"] == (string?)message["message_type"])
        {
            Append(_pending, message, "content");
            Append(_pending, message, "reasoning");
            AddCall(message["tool_call"] as JsonObject);
            return;
        }

        await FlushAsync(cancellationToken).ConfigureAwait(false);
        if (isDelta)
        {
            _pending = message;
            AddCall(message["tool_call"] as JsonObject);
            return;
        }

        await inner.MessageAsync(message, false, cancellationToken).ConfigureAwait(false);
    }

    public async ValueTask ErrorEventAsync(JsonObject payload, CancellationToken cancellationToken)
    {
        await FlushAsync(cancellationToken).ConfigureAwait(false);
        await inner.ErrorEventAsync(payload, cancellationToken).ConfigureAwait(false);
    }

    public async ValueTask CancelledAsync(CancellationToken cancellationToken)
    {
        await FlushAsync(cancellationToken).ConfigureAwait(false);
        await inner.CancelledAsync(cancellationToken).ConfigureAwait(false);
    }

    public async ValueTask DoneAsync(CancellationToken cancellationToken)
    {
        await FlushAsync(cancellationToken).ConfigureAwait(false);
        await inner.DoneAsync(cancellationToken).ConfigureAwait(false);
    }

    private void AddCall(JsonObject? fragment)
    {
        if (fragment is null)
        {
            return;
        }

        var id = (string?)fragment["tool_call_id"];
        var call = _calls.Find(c => (string?)c["tool_call_id"] == id);
        if (call is null)
        {
            _calls.Add(new JsonObject { ["name"] = (string?)fragment["name"], ["arguments"] = (string?)fragment["arguments"] ?? string.Empty, ["tool_call_id"] = id });
            return;
        }

        call["name"] ??= (string?)fragment["name"];
        call["arguments"] = (string?)call["arguments"] + (string?)fragment["arguments"];
    }

    private async ValueTask FlushAsync(CancellationToken cancellationToken)
    {
        if (_pending is { } pending)
        {
            _pending = null;
            if (_calls.Count > 0)
            {
                pending["tool_call"] = _calls[0].DeepClone();
                pending["tool_calls"] = new JsonArray([.. _calls.Select(c => (JsonNode)c.DeepClone())]);
                _calls.Clear();
            }

            await inner.MessageAsync(pending, false, cancellationToken).ConfigureAwait(false);
        }
    }

    private static void Append(JsonObject target, JsonObject source, string field)
    {
        if (source[field] is JsonValue value && value.TryGetValue<string>(out var text))
        {
            target[field] = (string?)target[field] + text;
        }
    }
}
