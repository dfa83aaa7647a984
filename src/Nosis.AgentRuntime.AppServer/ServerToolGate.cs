using System.Text.Json;
using Microsoft.Extensions.Logging;
using Nosis.AgentRuntime.Execution;

namespace Nosis.AgentRuntime.AppServer;

/// <summary>Answers the App Server's <c>can_use_tool</c> questions of one turn through the host's <see cref="IAppServerToolPolicy"/>.</summary>
/// <remarks>
/// The runtime's own external tools are allowed here: the turn pipeline runs them in the host, under its own rules. A policy
/// that throws denies: a question is never left unanswered, and never answered with allow by default.
/// </remarks>
internal sealed class ServerToolGate(AppServerConnection connection, IAppServerToolPolicy policy, ExecutionTarget target, IReadOnlySet<string> externalTools, ILogger logger)
{
    public async Task AnswerAsync(JsonElement frame, RuntimeScope scope, CancellationToken cancellationToken)
    {
        if (AppServerFrames.String(frame, "request_id") is not { } requestId
            || !frame.TryGetProperty("request", out var request) || AppServerFrames.String(request, "subtype") != "can_use_tool")
        {
            return;
        }

        var toolName = AppServerFrames.String(request, "tool_name") ?? "(unnamed)";
        var call = new AppServerToolRequest(
            scope.AgentId, scope.ConversationId, target, toolName, AppServerFrames.String(request, "tool_call_id") ?? requestId,
            request.TryGetProperty("input", out var input) ? input : default);
        AppServerToolDecision decision;
        try
        {
            decision = externalTools.Contains(toolName) ? AppServerToolDecision.Allow() : await policy.DecideAsync(call, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            decision = AppServerToolDecision.Deny($"The host could not decide whether {toolName} may run ({exception.GetType().Name}).");
        }

        logger.ServerToolDecided(toolName, scope.ConversationId, scope.AgentId, decision.IsAllowed ? "allowed" : "denied");
        await connection.PostAsync("input", writer =>
        {
            AppServerCommands.WriteRuntime(writer, scope);
            writer.WriteStartObject("payload");
            writer.WriteString("kind", "approval_response");
            writer.WriteString("request_id", requestId);
            writer.WriteStartObject("decision");
            writer.WriteString("behavior", decision.IsAllowed ? "allow" : "deny");
            if (decision.Reason is { } reason)
            {
                writer.WriteString("message", reason);
            }

            writer.WriteEndObject();
            writer.WriteEndObject();
        }, cancellationToken).ConfigureAwait(false);
    }
}
