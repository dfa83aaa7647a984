using System.Text.Json.Nodes;

namespace Nosis.AgentRuntime.Emulator;

/// <summary>Ends a scripted reply with an in-stream error, in either of Letta's two shapes (<see cref="LettaStreamErrorShape"/>).</summary>
internal static class ReplyErrors
{
    public static async Task WriteAsync(IReplySink sink, ReplyFrames frames, ReplyStep.Error error, CancellationToken cancellationToken)
    {
        if (error.Shape == LettaStreamErrorShape.Wrapper)
        {
            await sink.ErrorEventAsync(new JsonObject { ["error"] = error.Message, ["code"] = "INTERNAL_SERVER_ERROR" }, cancellationToken).ConfigureAwait(false);
            return;
        }

        await sink.MessageAsync(ReplyFrames.Plain("stop_reason", new JsonObject { ["stop_reason"] = "error" }), false, cancellationToken).ConfigureAwait(false);
        await sink.ErrorEventAsync(
            new JsonObject
            {
                ["message_type"] = "error_message",
                ["run_id"] = frames.RunId,
                ["error_type"] = error.ErrorType,
                ["message"] = error.Message,
                ["detail"] = $"{error.ErrorType}: {error.Message}",
                ["seq_id"] = null,
            },
            cancellationToken).ConfigureAwait(false);
        await sink.DoneAsync(cancellationToken).ConfigureAwait(false);
    }
}
