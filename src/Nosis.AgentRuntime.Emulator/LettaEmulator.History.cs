using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace Nosis.AgentRuntime.Emulator;

/// <content>
/// The agent's message history: every played send keeps its user message (with the sender's <c>otid</c>) and the reply's
/// whole messages, listed by <c>GET /v1/agents/{agent_id}/messages</c> with <c>before</c>, <c>after</c>, <c>limit</c> and
/// <c>order</c> as <c>list_messages</c> (letta/server/rest_api/routers/v1/agents.py) and MessageManager.list_messages
/// (letta/services/message_manager.py) answer: cursors by position in the history whatever the order, newest first by default.
/// </content>
public sealed partial class LettaEmulator
{
    private readonly CancellationTokenSource _stopping = new();

    /// <summary>Gets the messages <see cref="LettaEmulatorEndpoint.ListMessages"/> lists for <paramref name="agentId"/>, oldest first, as JSON.</summary>
    /// <param name="agentId">The agent.</param>
    /// <returns>Each message as Letta serializes a <c>LettaMessage</c>; empty for an unknown agent.</returns>
    public IReadOnlyList<string> HistoryOf(string agentId)
    {
        if (!_agents.TryGetValue(agentId, out var agent))
        {
            return [];
        }

        lock (agent.Gate)
        {
            return [.. agent.History.Select(m => m.ToJsonString(WireFormat.JsonOptions))];
        }
    }

    /// <summary>Keeps a played send in its agent's or conversation's history: its user message, as Message._convert_user_message (letta/schemas/message.py) lists it, then the reply.</summary>
    private void Remember(SendTarget target, TurnInput input, IReadOnlyList<JsonObject> reply)
    {
        var kept = new List<JsonObject>(reply.Count + 1);
        if (input.UserText.Length > 0)
        {
            kept.Add(new JsonObject
            {
                ["id"] = WireFormat.NewId("message"),
                ["date"] = WireFormat.Date(input.ReceivedAt),
                ["name"] = null,
                ["message_type"] = "user_message",
                ["otid"] = input.Otid ?? Guid.NewGuid().ToString("D"),
                ["sender_id"] = null,
                ["step_id"] = null,
                ["seq_id"] = null,
                ["run_id"] = input.RunId,
                ["content"] = input.UserText,
            });
        }

        foreach (var message in reply)
        {
            // is_err is serialized only when true (LettaMessage.serialize_is_err in letta/schemas/letta_message.py).
            if (message["is_err"] is null)
            {
                message.Remove("is_err");
            }

            kept.Add(message);
        }

        lock (target.Gate)
        {
            target.History.AddRange(kept);
            if (target is StoredConversation conversation)
            {
                conversation.LastMessageAt = _options.TimeProvider.GetUtcNow();
            }
        }
    }

    private async Task ListMessagesAsync(HttpContext context, string agentId)
    {
        if (!_agents.TryGetValue(agentId, out var agent))
        {
            await WriteJsonAsync(context, 404, WireFormat.Detail($"Agent with ID {agentId} not found")).ConfigureAwait(false);
            return;
        }

        var query = context.Request.Query;
        var order = query["order"].ToString() is { Length: > 0 } given ? given : "desc";
        if (order is not ("asc" or "desc"))
        {
            await WriteJsonAsync(context, 422, QueryProblem("literal_error", "order", "Input should be 'asc' or 'desc'", order)).ConfigureAwait(false);
            return;
        }

        var limitText = query["limit"].ToString();
        var limit = 100;
        if (limitText.Length > 0 && !int.TryParse(limitText, NumberStyles.Integer, CultureInfo.InvariantCulture, out limit))
        {
            await WriteJsonAsync(context, 422, QueryProblem("int_parsing", "limit", "Input should be a valid integer, unable to parse string as an integer", limitText)).ConfigureAwait(false);
            return;
        }

        // conversation_id (MessageListParams of the 1.12.1 client) keeps one conversation's messages; "default" is the agent's own.
        var conversationId = query["conversation_id"].ToString();
        SendTarget source = conversationId.Length > 0 && conversationId != DefaultConversation && _conversations.TryGetValue(conversationId, out var conversation)
            && conversation.Agent.Id == agentId ? conversation : agent;
        List<JsonObject> history;
        lock (source.Gate)
        {
            history = [.. source.History];
        }

        await WriteHistoryPageAsync(context, history, order, limit, $"agent '{agentId}'").ConfigureAwait(false);
    }

    /// <summary>Writes one page of a history (an agent's or a conversation's), oldest first in <paramref name="history"/>, with the request's cursors.</summary>
    private static async Task WriteHistoryPageAsync(HttpContext context, List<JsonObject> history, string order, int limit, string owner)
    {
        var query = context.Request.Query;
        var (first, end) = (0, history.Count);
        foreach (var (name, cursor) in new[] { ("after", query["after"].ToString()), ("before", query["before"].ToString()) })
        {
            if (cursor.Length == 0)
            {
                continue;
            }

            // The messages of one step share its id (one Message, several LettaMessages): a cursor skips all of them.
            var at = name == "after" ? history.FindLastIndex(m => (string?)m["id"] == cursor) : history.FindIndex(m => (string?)m["id"] == cursor);
            if (at < 0)
            {
                await WriteJsonAsync(context, 404, WireFormat.Detail($"No message found with id '{cursor}' for {owner}.")).ConfigureAwait(false);
                return;
            }

            (first, end) = name == "after" ? (Math.Max(first, at + 1), end) : (first, Math.Min(end, at));
        }

        var window = history.Skip(first).Take(Math.Max(0, end - first));
        var page = Limit(order == "desc" ? window.Reverse() : window, limit);
        await WriteJsonAsync(context, 200, new JsonArray([.. page.Select(m => (JsonNode)m.DeepClone())])).ConfigureAwait(false);
    }

    /// <summary>The limit counts stored messages, not the listed ones: the reasoning and the text of one step (one id) come together.</summary>
    private static IEnumerable<JsonObject> Limit(IEnumerable<JsonObject> messages, int limit)
    {
        var ids = new HashSet<string?>(StringComparer.Ordinal);
        foreach (var message in messages)
        {
            if (ids.Add((string?)message["id"]) && ids.Count > limit)
            {
                yield break;
            }

            yield return message;
        }
    }

    /// <summary>The <c>otid</c> of the last user message of a send (MessageCreate.otid in letta/schemas/message.py), if the sender set one.</summary>
    private static string? UserOtid(JsonObject body) =>
        (body["messages"] as JsonArray)?.OfType<JsonObject>()
            .LastOrDefault(m => ((string?)m["type"] ?? "message") == "message" && (string?)m["role"] is "user" or null)?["otid"] is JsonValue otid
            && otid.TryGetValue<string>(out var value) ? value : null;

    private static JsonObject QueryProblem(string type, string field, string message, string input) => new()
    {
        ["trace_id"] = string.Empty,
        ["detail"] = $"[{{'type': '{type}', 'loc': ('query', '{field}'), 'msg': \"{message}\", 'input': '{input.Replace("'", string.Empty, StringComparison.Ordinal)}'}}]",
    };

    /// <summary>What a send carried: its run, the user's text, the sender's <c>otid</c>, and when it arrived.</summary>
    private readonly record struct TurnInput(string RunId, string UserText, string? Otid, DateTimeOffset ReceivedAt);
}
