using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace Nosis.AgentRuntime.Emulator;

/// <content>
/// Letta's Conversations API (letta/server/rest_api/routers/v1/conversations.py; @letta-ai/letta-client 1.12.1
/// resources/conversations): threads inside one agent, each with its own run, pending approval and history, all sharing the
/// agent's memory blocks. Sends in one conversation are locked (streaming_service.py: the lock key is the conversation id, and
/// for <c>default</c> + <c>agent_id</c> the agent id), so a concurrent send gets 409 CONVERSATION_BUSY.
/// </content>
public sealed partial class LettaEmulator
{
    private const string DefaultConversation = "default";

    private readonly ConcurrentDictionary<string, StoredConversation> _conversations = new(StringComparer.Ordinal);

    /// <summary>Gets how many conversations were created.</summary>
    public int ConversationsCreated => Volatile.Read(ref _conversationsCreated);

    /// <summary>Gets how many conversations were deleted (directly, or with their agent).</summary>
    public int ConversationsDeleted => Volatile.Read(ref _conversationsDeleted);

    /// <summary>Returns the live conversations, oldest first.</summary>
    /// <returns>The conversations.</returns>
    public IReadOnlyList<EmulatedConversation> LiveConversations() =>
        [.. _conversations.Values.OrderBy(c => c.Sequence).Select(c => new EmulatedConversation(c.Id, c.Agent.Id, c.Description, c.CreatedAt))];

    /// <summary>Returns the most sends that were ever playing at once in one conversation (or agent).</summary>
    /// <param name="conversationId">The conversation.</param>
    /// <returns>The peak; 0 when none was sent.</returns>
    public int MaxConcurrentConversationSends(string conversationId) =>
        _conversations.TryGetValue(conversationId, out var conversation) ? Volatile.Read(ref conversation.MaxConcurrentSends) : MaxConcurrentSends(conversationId);

    private int _conversationsCreated;
    private int _conversationsDeleted;

    private async Task DispatchConversationAsync(HttpContext context, string[] segments)
    {
        var method = context.Request.Method;
        LettaEmulatorEndpoint? endpoint = (segments, method) switch
        {
            (["v1", "conversations"], "POST") => LettaEmulatorEndpoint.CreateConversation,
            (["v1", "conversations"], "GET") => LettaEmulatorEndpoint.ListConversations,
            (["v1", "conversations", _], "GET") => LettaEmulatorEndpoint.GetConversation,
            (["v1", "conversations", _], "DELETE") => LettaEmulatorEndpoint.DeleteConversation,
            (["v1", "conversations", _, "messages"], "POST") => LettaEmulatorEndpoint.SendConversationMessage,
            (["v1", "conversations", _, "messages"], "GET") => LettaEmulatorEndpoint.ListConversationMessages,
            (["v1", "conversations", _, "cancel"], "POST") => LettaEmulatorEndpoint.CancelConversation,
            (["v1", "conversations", _, "stream"], "POST") => LettaEmulatorEndpoint.StreamConversation,
            _ => null,
        };
        if (endpoint is not { } known)
        {
            await WriteJsonAsync(context, 404, WireFormat.Detail("Not Found")).ConfigureAwait(false);
            return;
        }

        if (await InjectedFaultAsync(context, known).ConfigureAwait(false))
        {
            return;
        }

        var id = segments.Length > 2 ? segments[2] : null;
        switch (known)
        {
            case LettaEmulatorEndpoint.CreateConversation:
                await CreateConversationAsync(context).ConfigureAwait(false);
                break;
            case LettaEmulatorEndpoint.ListConversations:
                await ListConversationsAsync(context).ConfigureAwait(false);
                break;
            case LettaEmulatorEndpoint.SendConversationMessage:
                await SendConversationMessageAsync(context, id!).ConfigureAwait(false);
                break;
            case LettaEmulatorEndpoint.ListConversationMessages:
                await ListConversationMessagesAsync(context, id!).ConfigureAwait(false);
                break;
            case LettaEmulatorEndpoint.StreamConversation:
                await StreamConversationAsync(context, id!).ConfigureAwait(false);
                break;
            default:
                if (await FindConversationAsync(context, id!).ConfigureAwait(false) is { } conversation)
                {
                    await (known switch
                    {
                        LettaEmulatorEndpoint.GetConversation => WriteJsonAsync(context, 200, conversation.ToJson()),
                        LettaEmulatorEndpoint.DeleteConversation => DeleteConversationAsync(context, conversation),
                        _ => CancelAsync(context, conversation),
                    }).ConfigureAwait(false);
                }

                break;
        }
    }

    private async Task CreateConversationAsync(HttpContext context)
    {
        var agentId = context.Request.Query["agent_id"].ToString();
        if (agentId.Length == 0)
        {
            // FastAPI's answer to a missing required query parameter.
            await WriteJsonAsync(context, 422, new JsonObject { ["trace_id"] = string.Empty, ["detail"] = "[{'type': 'missing', 'loc': ('query', 'agent_id'), 'msg': 'Field required', 'input': None}]" }).ConfigureAwait(false);
            return;
        }

        var body = context.Request.ContentLength is 0 ? [] : await ReadBodyAsync(context).ConfigureAwait(false);
        if (body is null)
        {
            return;
        }

        if (!_agents.TryGetValue(agentId, out var agent))
        {
            await WriteJsonAsync(context, 404, WireFormat.Detail($"Agent with ID {agentId} not found")).ConfigureAwait(false);
            return;
        }

        var conversation = new StoredConversation(WireFormat.NewId("conv"), agent, _options.TimeProvider.GetUtcNow(), Interlocked.Increment(ref _sequence))
        {
            Description = StringOf(body["description"]),
            Summary = StringOf(body["summary"]),
        };
        _conversations[conversation.Id] = conversation;
        Interlocked.Increment(ref _conversationsCreated);
        if (Faults.TryTakeLostConversationCreate(out var lost))
        {
            await LoseResponseAsync(context, lost).ConfigureAwait(false);
        }

        await WriteJsonAsync(context, 200, conversation.ToJson()).ConfigureAwait(false);
    }

    private async Task ListConversationsAsync(HttpContext context)
    {
        var query = context.Request.Query;
        var agentId = query["agent_id"].ToString();
        var limit = int.TryParse(query["limit"].ToString(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var l) && l > 0 ? l : 50;
        var ascending = string.Equals(query["order"].ToString(), "asc", StringComparison.OrdinalIgnoreCase);
        var after = query["after"].ToString();
        var all = _conversations.Values.Where(c => agentId.Length == 0 || c.Agent.Id == agentId);
        var ordered = (ascending ? all.OrderBy(c => c.Sequence) : all.OrderByDescending(c => c.Sequence)).ToList();
        if (after.Length > 0 && ordered.FindIndex(c => c.Id == after) is var index and >= 0)
        {
            ordered = ordered[(index + 1)..];
        }

        await WriteJsonAsync(context, 200, new JsonArray([.. ordered.Take(limit).Select(c => (JsonNode)c.ToJson())])).ConfigureAwait(false);
    }

    private async Task SendConversationMessageAsync(HttpContext context, string id)
    {
        // Agent-direct mode: "default" with agent_id in the body (or a deprecated agent id in the path), locked by the agent id.
        if (id == DefaultConversation || id.StartsWith("agent-", StringComparison.Ordinal))
        {
            context.Request.EnableBuffering();
            var body = await ReadBodyAsync(context).ConfigureAwait(false);
            if (body is null)
            {
                return;
            }

            context.Request.Body.Position = 0;
            var agentId = id == DefaultConversation ? StringOf(body["agent_id"]) : id;
            if (agentId is null || !_agents.TryGetValue(agentId, out var agent))
            {
                await WriteJsonAsync(context, 404, WireFormat.Detail(agentId is null ? "Conversation default needs an agent_id." : $"Agent with ID {agentId} not found")).ConfigureAwait(false);
                return;
            }

            await SendToAsync(context, agent, new SendRoute(false, StreamingByDefault: true, Gated: false, Locked: true)).ConfigureAwait(false);
            return;
        }

        if (await FindConversationAsync(context, id).ConfigureAwait(false) is { } conversation)
        {
            await SendToAsync(context, conversation, new SendRoute(false, StreamingByDefault: true, Gated: false, Locked: _options.LockConversationSends)).ConfigureAwait(false);
        }
    }

    private async Task ListConversationMessagesAsync(HttpContext context, string id)
    {
        SendTarget? target = id == DefaultConversation && _agents.TryGetValue(context.Request.Query["agent_id"].ToString(), out var agent) ? agent
            : id.StartsWith("agent-", StringComparison.Ordinal) && _agents.TryGetValue(id, out var direct) ? direct
            : await FindConversationAsync(context, id).ConfigureAwait(false);
        if (target is null)
        {
            if (!context.Response.HasStarted)
            {
                await WriteJsonAsync(context, 404, WireFormat.Detail($"Agent with ID {context.Request.Query["agent_id"]} not found")).ConfigureAwait(false);
            }

            return;
        }

        var query = context.Request.Query;
        var limit = int.TryParse(query["limit"].ToString(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var l) && l > 0 ? l : 100;
        var order = string.Equals(query["order"].ToString(), "asc", StringComparison.OrdinalIgnoreCase) ? "asc" : "desc";
        List<JsonObject> messages;
        lock (target.Gate)
        {
            messages = [.. target.History];
            if (target.Pending is { } pending)
            {
                messages.Add(pending.Request); // the approval the run paused on is the newest message
            }
        }

        await WriteHistoryPageAsync(context, messages, order, limit, $"conversation '{target.Id}'").ConfigureAwait(false);
    }

    private async Task DeleteConversationAsync(HttpContext context, StoredConversation conversation)
    {
        if (_conversations.TryRemove(conversation.Id, out _))
        {
            Interlocked.Increment(ref _conversationsDeleted);
        }

        await WriteJsonAsync(context, 200, null).ConfigureAwait(false);
    }

    private async Task CancelAsync(HttpContext context, StoredConversation conversation)
    {
        string? runId;
        lock (conversation.Gate)
        {
            runId = conversation.ActiveRunId;
        }

        if (runId is not null && _runs.TryGetValue(runId, out var run) && run.IsActive)
        {
            await run.Cancellation.CancelAsync().ConfigureAwait(false);
        }

        // NoActiveRunsToCancelError is a LettaError with code CONFLICT: the app's 409 handler sends detail = str(exc).
        await (runId is null
            ? WriteJsonAsync(context, 409, WireFormat.Detail($"CONFLICT: No active runs to cancel for conversation {conversation.Id}"))
            : WriteJsonAsync(context, 200, new JsonObject { [runId] = "cancelled" })).ConfigureAwait(false);
    }

    /// <summary>The conversation, or null after answering 404 (conversation_manager raises NoResultFound, which the app maps to 404).</summary>
    private async Task<StoredConversation?> FindConversationAsync(HttpContext context, string id)
    {
        if (_conversations.TryGetValue(id, out var conversation))
        {
            return conversation;
        }

        await WriteJsonAsync(context, 404, WireFormat.Detail($"Conversation with id {id} not found")).ConfigureAwait(false);
        return null;
    }

    private void ForgetConversationsOf(string agentId)
    {
        foreach (var conversation in _conversations.Values.Where(c => c.Agent.Id == agentId))
        {
            if (_conversations.TryRemove(conversation.Id, out _))
            {
                Interlocked.Increment(ref _conversationsDeleted);
            }
        }
    }
}
