using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using Microsoft.Extensions.Logging;
using Nosis.AgentRuntime.Letta;

namespace Nosis.AgentRuntime.AppServer;

/// <summary>Runs the turns of every runtime on the shared connection: starts them, keeps those waiting for host tool results between steps, and aborts those abandoned.</summary>
internal sealed class AppServerTurns(AppServerConnection connection, AppServerOptions options, IAppServerToolPolicy policy, ILogger logger)
{
    private static readonly TimeSpan AbortTimeout = TimeSpan.FromSeconds(5);

    private readonly ConcurrentDictionary<RuntimeScope, AppServerTurn> _waiting = new();

    /// <summary>Streams one step of a turn: a new turn for user messages, the rest of a waiting one for tool results.</summary>
    public async IAsyncEnumerable<LettaStreamItem> StreamAsync(RuntimeScope scope, LettaMessageRequest request, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var turn = await BeginStepAsync(scope, request, cancellationToken).ConfigureAwait(false);
        try
        {
            await foreach (var item in turn.ReadStepAsync(cancellationToken).ConfigureAwait(false))
            {
                yield return item;
            }
        }
        finally
        {
            if (turn.IsWaitingForTools && !turn.IsFinished)
            {
                _waiting[scope] = turn;
            }
            else
            {
                await EndAsync(turn).ConfigureAwait(false);
            }
        }
    }

    /// <summary>Aborts the running turn of a runtime, from this process or another one subscribed to it.</summary>
    /// <returns><see langword="true"/> when the server interrupted a turn.</returns>
    public async Task<bool> AbortAsync(RuntimeScope scope, CancellationToken cancellationToken)
    {
        var answer = await connection.RequestAsync("abort_message", AppServerCommands.Abort(scope), cancellationToken).ConfigureAwait(false);
        return answer.TryGetProperty("aborted", out var aborted) && aborted.ValueKind == System.Text.Json.JsonValueKind.True;
    }

    private async Task<AppServerTurn> BeginStepAsync(RuntimeScope scope, LettaMessageRequest request, CancellationToken cancellationToken)
    {
        var approvals = request.Messages.OfType<LettaApprovalInput>().ToList();
        if (approvals.Any(input => input.Decisions.Count > 0))
        {
            throw new NotSupportedException(
                "The App Server takes no Letta approval decisions: it asks about its own tools inside the turn, and the runtime answers there through IAppServerToolPolicy.");
        }

        var results = approvals.SelectMany(input => input.Approvals).ToList();
        if (approvals.Count > 0)
        {
            var waiting = _waiting.TryRemove(scope, out var found)
                ? found
                : throw new AppServerCommandException("external_tool_call_response", $"No turn in conversation {scope.ConversationId} waits for tool results on this connection.");
            await waiting.AnswerAsync(results, cancellationToken).ConfigureAwait(false);
            return waiting;
        }

        if (_waiting.TryRemove(scope, out var stale))
        {
            await EndAsync(stale).ConfigureAwait(false);
        }

        var listener = await connection.ListenAsync(scope, cancellationToken).ConfigureAwait(false);
        try
        {
            await connection.RequestAsync("runtime_start", AppServerCommands.RuntimeStart(scope, options.PermissionMode, request.ClientTools), cancellationToken).ConfigureAwait(false);
            var serverTools = AppServerCommands.ServerToolsFor(request.ExecutionTarget, options);
            var accepted = await connection.RequestAsync(
                "input", AppServerCommands.CreateMessage(scope, request.Messages.OfType<LettaInputMessage>(), serverTools), cancellationToken).ConfigureAwait(false);
            var external = (request.ClientTools ?? []).Select(tool => tool.Name).ToHashSet(StringComparer.Ordinal);
            var turn = new AppServerTurn(connection, listener, external, new ServerToolGate(connection, policy, request.ExecutionTarget, external, logger), options.TurnIdleTimeout);
            if (AppServerFrames.String(accepted, "disposition") == "queued" && request.Messages.OfType<LettaInputMessage>().LastOrDefault()?.Otid is { } otid)
            {
                // The server still winds down a turn of this conversation (an aborted one, say); ours runs right after it.
                logger.TurnQueued(scope.ConversationId, scope.AgentId);
                turn.StartsAtMessage(otid);
            }

            return turn;
        }
        catch
        {
            listener.Dispose();
            throw;
        }
    }

    private async Task EndAsync(AppServerTurn turn)
    {
        if (!turn.IsFinished)
        {
            using var timeout = new CancellationTokenSource(AbortTimeout);
            try
            {
                await AbortAsync(turn.Scope, timeout.Token).ConfigureAwait(false);
                logger.TurnAborted(turn.Scope.ConversationId, turn.Scope.AgentId);
            }
            catch (Exception exception) when (exception is LettaApiException or IOException or TimeoutException or HttpRequestException or OperationCanceledException)
            {
                // The connection dropped (the server then cancels the turn itself) or the server did not answer in time.
            }
        }

        turn.Dispose();
    }
}
