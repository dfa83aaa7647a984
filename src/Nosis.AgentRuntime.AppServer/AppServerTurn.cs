using System.Runtime.CompilerServices;
using System.Text.Json;
using Nosis.AgentRuntime.Letta;

namespace Nosis.AgentRuntime.AppServer;

/// <summary>One turn on the App Server, read in steps: a step ends at <c>turn_finished</c>, or where the agent calls an external (host) tool and waits for its result.</summary>
/// <remarks>
/// The App Server runs a whole turn on its side and asks for external tool results in the middle of it; the runtime's pipeline
/// runs client tools between steps. So a call of a host tool ends the step with an approval request and <c>requires_approval</c>,
/// as Letta's REST API does, and the next step answers it (<see cref="AnswerAsync"/>) and reads on.
/// </remarks>
internal sealed class AppServerTurn : IDisposable
{
    private readonly AppServerConnection _connection;
    private readonly RuntimeListener _listener;
    private readonly IReadOnlySet<string> _externalTools;
    private readonly ServerToolGate _serverTools;
    private readonly TimeSpan _idleTimeout;
    private readonly Dictionary<string, string> _waitingCalls = new(StringComparer.Ordinal);
    private string? _queuedMessageId;

    public AppServerTurn(AppServerConnection connection, RuntimeListener listener, IReadOnlySet<string> externalTools, ServerToolGate serverTools, TimeSpan idleTimeout)
    {
        _connection = connection;
        _listener = listener;
        _externalTools = externalTools;
        _serverTools = serverTools;
        _idleTimeout = idleTimeout;
    }

    /// <summary>Gets the runtime the turn runs in.</summary>
    public RuntimeScope Scope => _listener.Scope;

    /// <summary>Gets a value indicating whether the turn has finished on the server.</summary>
    public bool IsFinished { get; private set; }

    /// <summary>Gets a value indicating whether the turn waits for the results of external tool calls.</summary>
    public bool IsWaitingForTools => _waitingCalls.Count > 0;

    /// <summary>Marks the turn as queued behind one still running in its conversation: its frames start where the server echoes the message <paramref name="clientMessageId"/>.</summary>
    public void StartsAtMessage(string clientMessageId) => _queuedMessageId = clientMessageId;

    /// <summary>Answers the external tool calls the turn waits for.</summary>
    /// <exception cref="InvalidOperationException">A result names a call the turn does not wait for.</exception>
    public async Task AnswerAsync(IReadOnlyList<LettaToolReturn> results, CancellationToken cancellationToken)
    {
        foreach (var result in results)
        {
            if (!_waitingCalls.Remove(result.ToolCallId, out var requestId))
            {
                throw new InvalidOperationException($"The App Server turn in conversation {Scope.ConversationId} does not wait for tool call {result.ToolCallId}.");
            }

            await _connection.PostAsync("external_tool_call_response", writer =>
            {
                writer.WriteString("request_id", requestId);
                writer.WriteStartObject("result");
                writer.WriteStartArray("content");
                writer.WriteStartObject();
                writer.WriteString("type", "text");
                writer.WriteString("text", result.ToolReturnValue);
                writer.WriteEndObject();
                writer.WriteEndArray();
                writer.WriteBoolean("is_error", result.Status == LettaToolReturnStatus.Error);
                writer.WriteEndObject();
            }, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Reads the turn's items up to its end or its next wait for external tools.</summary>
    /// <exception cref="IOException">The connection dropped.</exception>
    /// <exception cref="TimeoutException">The server sent nothing for the idle timeout.</exception>
    public async IAsyncEnumerable<LettaStreamItem> ReadStepAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        using var idle = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        while (!IsFinished && !IsWaitingForTools)
        {
            var frame = await NextAsync(idle, cancellationToken).ConfigureAwait(false);
            if (_queuedMessageId is not null)
            {
                // Frames of the turn still winding down, up to and including the echo of this turn's own message.
                if (IsEchoOf(frame, _queuedMessageId))
                {
                    _queuedMessageId = null;
                }

                continue;
            }

            switch (AppServerFrames.Type(frame))
            {
                case "stream_delta" when frame.TryGetProperty("delta", out var delta) && StreamDeltas.Map(delta, _externalTools) is { } item:
                    yield return item;
                    break;
                case "external_tool_call_request":
                    var call = ExternalCall(frame);
                    _waitingCalls[call.ToolCallId!] = AppServerFrames.String(frame, "request_id") ?? string.Empty;
                    yield return new LettaApprovalRequestMessage([call]);
                    yield return new LettaStopReason("requires_approval");
                    break;
                case "control_request":
                    await _serverTools.AnswerAsync(frame, Scope, cancellationToken).ConfigureAwait(false);
                    break;
                case "turn_finished":
                    IsFinished = true;
                    if (AppServerFrames.String(frame, "error") is { } error)
                    {
                        yield return new LettaStreamError(error) { RunId = AppServerFrames.String(frame, "run_id") };
                    }

                    yield return new LettaStopReason(AppServerFrames.String(frame, "stop_reason") ?? "end_turn") { RunId = AppServerFrames.String(frame, "run_id") };
                    break;
            }
        }
    }

    /// <summary>Stops listening; the server keeps whatever the turn stored.</summary>
    public void Dispose() => _listener.Dispose();

    /// <summary>Whether the frame is the server's echo of a queued message (a <c>user_message</c> delta with its id as <c>otid</c>).</summary>
    private static bool IsEchoOf(JsonElement frame, string clientMessageId) =>
        AppServerFrames.Type(frame) == "stream_delta" && frame.TryGetProperty("delta", out var delta)
        && AppServerFrames.String(delta, "message_type") == "user_message" && AppServerFrames.String(delta, "otid") == clientMessageId;

    private static LettaToolCall ExternalCall(JsonElement frame) => new(
        AppServerFrames.String(frame, "tool_call_id") ?? AppServerFrames.String(frame, "request_id"),
        AppServerFrames.String(frame, "tool_name"),
        frame.TryGetProperty("input", out var input) ? input.GetRawText() : "{}");

    /// <summary>Takes the next frame: one already queued at once, else waiting at most the idle timeout (one timer per step, re-armed per wait).</summary>
    private async ValueTask<JsonElement> NextAsync(CancellationTokenSource idle, CancellationToken cancellationToken)
    {
        if (_listener.Frames.TryRead(out var queued))
        {
            return queued;
        }

        idle.CancelAfter(_idleTimeout);
        try
        {
            return await _listener.Frames.ReadAsync(idle.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new TimeoutException($"The Letta App Server sent nothing for {_idleTimeout.TotalSeconds:0.#} s in conversation {Scope.ConversationId}.");
        }
        catch (System.Threading.Channels.ChannelClosedException closed) when (closed.InnerException is { } reason)
        {
            throw reason;
        }
        finally
        {
            idle.CancelAfter(Timeout.InfiniteTimeSpan);
        }
    }
}
