using System.Collections.Concurrent;
using Microsoft.AspNetCore.Http;

namespace Nosis.AgentRuntime.Emulator;

/// <content>
/// <c>POST /v1/conversations/{id}/stream</c> (<c>conversations.messages.stream</c> in <c>@letta-ai/letta-client</c> 1.12.1
/// <c>resources/conversations/messages.js</c>): the conversation's active background run read again, found by <c>run_id</c>, by the
/// <c>otid</c> of its send, or as the conversation's active run; <c>default</c> with <c>agent_id</c> in the body for the agent's own.
/// </content>
public sealed partial class LettaEmulator
{
    private readonly ConcurrentDictionary<string, string> _runsByOtid = new(StringComparer.Ordinal);

    private async Task StreamConversationAsync(HttpContext context, string id)
    {
        var body = context.Request.ContentLength is 0 ? [] : await ReadBodyAsync(context).ConfigureAwait(false);
        if (body is null)
        {
            return;
        }

        SendTarget? target;
        if (id == DefaultConversation || id.StartsWith("agent-", StringComparison.Ordinal))
        {
            var agentId = id == DefaultConversation ? StringOf(body["agent_id"]) : id;
            target = agentId is not null && _agents.TryGetValue(agentId, out var agent) ? agent : null;
            if (target is null)
            {
                await WriteJsonAsync(context, 404, WireFormat.Detail($"Agent with ID {agentId} not found")).ConfigureAwait(false);
                return;
            }
        }
        else if ((target = await FindConversationAsync(context, id).ConfigureAwait(false)) is null)
        {
            return;
        }

        string? runId;
        lock (target.Gate)
        {
            runId = StringOf(body["run_id"])
                ?? (StringOf(body["otid"]) is { } otid && _runsByOtid.TryGetValue(otid, out var ofOtid) ? ofOtid : null)
                ?? target.ActiveRunId;
        }

        if (runId is null || !_runs.TryGetValue(runId, out var run) || run.AgentId != target.Agent.Id)
        {
            await WriteJsonAsync(context, 404, WireFormat.Detail($"No active runs found for conversation {target.Id}")).ConfigureAwait(false);
            return;
        }

        await TailRunAsync(context, run, body).ConfigureAwait(false);
    }
}
