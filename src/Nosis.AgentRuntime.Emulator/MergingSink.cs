using System.Text.Json.Nodes;

namespace Nosis.AgentRuntime.Emulator;

/// <summary>Turns token chunks into whole messages (step streaming, non-streaming replies): chunks of one <c>otid</c> are joined.</summary>
internal sealed class MergingSink(IReplySink inner) : IReplySink
{
    private JsonObject? _pending;

    public async ValueTask MessageAsync(JsonObject message, bool isDelta, CancellationToken cancellationToken)
    {
        if (isDelta && _pending is not null && (string?)_pending["otid"] == (string?)message["otid"])
        {
            Append(_pending, message, "content");
            Append(_pending, message, "reasoning");
            if (_pending["tool_call"] is JsonObject call && message["tool_call"] is JsonObject more)
            {
                call["arguments"] = (string?)call["arguments"] + (string?)more["arguments"];
                _pending["tool_calls"] = call.DeepClone();
            }

            return;
        }

        await FlushAsync(cancellationToken).ConfigureAwait(false);
        if (isDelta)
        {
            _pending = message;
            return;
        }

        await inner.MessageAsync(message, false, cancellationToken).ConfigureAwait(false);
    }

    public async ValueTask ErrorEventAsync(JsonObject payload, CancellationToken cancellationToken)
    {
        await FlushAsync(cancellationToken).ConfigureAwait(false);
        await inner.ErrorEventAsync(payload, cancellationToken).ConfigureAwait(false);
    }

    public async ValueTask DoneAsync(CancellationToken cancellationToken)
    {
        await FlushAsync(cancellationToken).ConfigureAwait(false);
        await inner.DoneAsync(cancellationToken).ConfigureAwait(false);
    }

    private async ValueTask FlushAsync(CancellationToken cancellationToken)
    {
        if (_pending is { } pending)
        {
            _pending = null;
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
