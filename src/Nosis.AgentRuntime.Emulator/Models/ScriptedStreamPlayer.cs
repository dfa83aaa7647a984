using Microsoft.AspNetCore.Http;

namespace Nosis.AgentRuntime.Emulator.Models;

/// <summary>Plays a scripted reply as a chat completions stream, delta by delta, with its trickle, holds and dropped connection.</summary>
internal static class ScriptedStreamPlayer
{
    /// <summary>Tool call arguments are streamed in fragments of at most this many characters, as providers do.</summary>
    private const int ArgumentFragmentLength = 12;

    /// <summary>
    /// How long a dropped connection waits, after its last flush, before it closes: closing resets the connection, and a reset
    /// discards what the client has not read yet, so the client gets this long to read the deltas sent before the drop.
    /// </summary>
    internal static readonly TimeSpan DropGrace = TimeSpan.FromMilliseconds(100);

    public static async Task PlayAsync(HttpContext context, ScriptedReply reply, ScriptedModelRequest request, string model, CancellationToken cancellationToken)
    {
        context.Response.StatusCode = 200;
        context.Response.ContentType = "text/event-stream";
        context.Response.Headers.CacheControl = "no-cache";
        await context.Response.StartAsync(cancellationToken).ConfigureAwait(false);
        var chunks = new ChatCompletionChunkWriter(context.Response.Body, model, request.IncludeUsage);
        var deltas = 0;
        var toolIndex = 0;
        foreach (var step in reply.Steps)
        {
            switch (step)
            {
                case ScriptedModelStep.Reasoning reasoning:
                    foreach (var token in reasoning.Tokens)
                    {
                        await TrickleAsync(reply, cancellationToken).ConfigureAwait(false);
                        await chunks.ReasoningAsync(token, cancellationToken).ConfigureAwait(false);
                        deltas++;
                    }

                    break;
                case ScriptedModelStep.Text text:
                    foreach (var token in text.Tokens)
                    {
                        await TrickleAsync(reply, cancellationToken).ConfigureAwait(false);
                        await chunks.ContentAsync(token, cancellationToken).ConfigureAwait(false);
                        deltas++;
                    }

                    break;
                case ScriptedModelStep.ToolCalls calls:
                    foreach (var call in calls.Calls)
                    {
                        deltas += await StreamToolCallAsync(chunks, toolIndex++, call, reply, cancellationToken).ConfigureAwait(false);
                    }

                    break;
                case ScriptedModelStep.Hold hold:
                    await hold.Gate.PassAsync(cancellationToken).ConfigureAwait(false);
                    break;
                case ScriptedModelStep.Drop:
                    await Task.Delay(DropGrace, cancellationToken).ConfigureAwait(false);
                    context.Abort();
                    return;
            }
        }

        await chunks.FinishAsync(toolIndex > 0 ? "tool_calls" : "stop", cancellationToken).ConfigureAwait(false);
        if (request.IncludeUsage)
        {
            var (prompt, completion) = ChatCompletionUsage.For(reply, request, deltas);
            await chunks.UsageAsync(prompt, completion, cancellationToken).ConfigureAwait(false);
        }

        await chunks.DoneAsync(cancellationToken).ConfigureAwait(false);
    }

    private static async Task<int> StreamToolCallAsync(ChatCompletionChunkWriter chunks, int index, ScriptedToolCall call, ScriptedReply reply, CancellationToken cancellationToken)
    {
        await TrickleAsync(reply, cancellationToken).ConfigureAwait(false);
        await chunks.ToolCallStartAsync(index, call, cancellationToken).ConfigureAwait(false);
        var deltas = 1;
        for (var start = 0; start < call.ArgumentsJson.Length; start += ArgumentFragmentLength)
        {
            await TrickleAsync(reply, cancellationToken).ConfigureAwait(false);
            var fragment = call.ArgumentsJson.Substring(start, Math.Min(ArgumentFragmentLength, call.ArgumentsJson.Length - start));
            await chunks.ToolCallArgumentsAsync(index, fragment, cancellationToken).ConfigureAwait(false);
            deltas++;
        }

        return deltas;
    }

    private static Task TrickleAsync(ScriptedReply reply, CancellationToken cancellationToken) =>
        reply.TrickleDelay > TimeSpan.Zero ? Task.Delay(reply.TrickleDelay, cancellationToken) : Task.CompletedTask;
}
