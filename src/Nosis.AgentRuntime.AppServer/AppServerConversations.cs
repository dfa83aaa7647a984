using System.Text.Json;
using Nosis.AgentRuntime.Letta;

namespace Nosis.AgentRuntime.AppServer;

/// <summary>The App Server's conversation commands and message history (<c>conversation_*</c>).</summary>
/// <remarks>
/// The App Server's local backend keeps no <c>description</c> on a conversation (its record has <c>summary</c> and <c>tags</c>:
/// <c>createLocalConversationRecord</c> in letta-code 0.32.18), and the runtime keeps its markers in the description. So the
/// description also travels as a tag, <see cref="DescriptionTagPrefix"/> and the text, and is read back from it.
/// </remarks>
internal sealed class AppServerConversations(AppServerConnection connection)
{
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, string> _agentOf = new(StringComparer.Ordinal);

    /// <summary>Gets the runtime of a conversation: its agent, read once and remembered (a conversation never changes agent).</summary>
    /// <exception cref="AppServerCommandException">The conversation does not exist (404).</exception>
    public async Task<RuntimeScope> ScopeOfAsync(string conversationId, CancellationToken cancellationToken)
    {
        if (!_agentOf.TryGetValue(conversationId, out var agentId))
        {
            var conversation = await GetAsync(conversationId, cancellationToken).ConfigureAwait(false)
                ?? throw new AppServerCommandException("conversation_retrieve", $"Conversation {conversationId} not found");
            agentId = _agentOf.GetOrAdd(conversationId, conversation.AgentId);
        }

        return new RuntimeScope(agentId, conversationId);
    }

    public async Task<LettaConversation> CreateAsync(string agentId, LettaCreateConversationRequest request, CancellationToken cancellationToken)
    {
        var answer = await connection.RequestAsync("conversation_create", writer =>
        {
            writer.WriteStartObject("body");
            writer.WriteString("agent_id", agentId);
            if (request.Description is { } description)
            {
                writer.WriteString("description", description);
                writer.WriteStartArray("tags");
                writer.WriteStringValue(DescriptionTagPrefix + description);
                writer.WriteEndArray();
            }

            if (request.Summary is { } summary)
            {
                writer.WriteString("summary", summary);
            }

            writer.WriteEndObject();
        }, cancellationToken).ConfigureAwait(false);
        var conversation = ReadConversation(answer, "conversation_create");
        _agentOf.TryAdd(conversation.Id, conversation.AgentId);
        return conversation;
    }

    public async Task<LettaConversation?> GetAsync(string conversationId, CancellationToken cancellationToken) =>
        await connection.RequestUnlessNotFoundAsync("conversation_retrieve", writer => writer.WriteString("conversation_id", conversationId), cancellationToken).ConfigureAwait(false) is { } answer
            ? ReadConversation(answer, "conversation_retrieve")
            : null;

    public async Task<IReadOnlyList<LettaConversation>> ListAsync(LettaConversationListQuery query, CancellationToken cancellationToken)
    {
        var answer = await connection.RequestAsync("conversation_list", writer =>
        {
            writer.WriteStartObject("query");
            writer.WriteString("agent_id", query.AgentId);
            AppServerCommands.WritePage(writer, query.Limit, query.After, query.OldestFirst);
            writer.WriteEndObject();
        }, cancellationToken).ConfigureAwait(false);
        return answer.TryGetProperty("conversations", out var list) && list.ValueKind == JsonValueKind.Array
            ? [.. list.EnumerateArray().Select(ToConversation)]
            : [];
    }

    /// <summary>Archives the conversation: the App Server has no delete, and Letta's own delete is a soft one too.</summary>
    public async Task<bool> ArchiveAsync(string conversationId, CancellationToken cancellationToken) =>
        await connection.RequestUnlessNotFoundAsync("conversation_update", writer =>
        {
            writer.WriteString("conversation_id", conversationId);
            writer.WriteStartObject("body");
            writer.WriteBoolean("archived", true);
            writer.WriteEndObject();
        }, cancellationToken).ConfigureAwait(false) is not null;

    /// <summary>Reads a page of a conversation's messages; the agent's own conversation is <c>default</c> with its agent id.</summary>
    public async Task<IReadOnlyList<LettaStreamItem>> ListMessagesAsync(RuntimeScope scope, LettaMessageListQuery query, CancellationToken cancellationToken)
    {
        var answer = await connection.RequestAsync("conversation_messages_list", writer =>
        {
            writer.WriteString("conversation_id", scope.ConversationId);
            writer.WriteStartObject("query");
            writer.WriteString("agent_id", scope.AgentId);
            AppServerCommands.WritePage(writer, query.Limit, query.After, query.OldestFirst);

            if (query.Before is { } before)
            {
                writer.WriteString("before", before);
            }

            writer.WriteEndObject();
        }, cancellationToken).ConfigureAwait(false);
        return answer.TryGetProperty("messages", out var messages) && messages.ValueKind == JsonValueKind.Array
            ? [.. messages.EnumerateArray().Select(m => LettaStreamItem.Parse(System.Runtime.InteropServices.JsonMarshal.GetRawUtf8Value(m)))]
            : [];
    }

    private static LettaConversation ReadConversation(JsonElement answer, string command) =>
        answer.TryGetProperty("conversation", out var conversation) && conversation.ValueKind == JsonValueKind.Object
            ? ToConversation(conversation)
            : throw new AppServerCommandException(command, "The answer carried no conversation.");

    /// <summary>The prefix of the conversation tag that carries the conversation's description.</summary>
    internal const string DescriptionTagPrefix = "description:";

    private static LettaConversation ToConversation(JsonElement element)
    {
        var conversation = element.Deserialize(AppServerJsonContext.Default.LettaConversation)!;
        if (conversation.Description is not null || !element.TryGetProperty("tags", out var tags) || tags.ValueKind != JsonValueKind.Array)
        {
            return conversation;
        }

        var tagged = tags.EnumerateArray()
            .Select(tag => tag.ValueKind == JsonValueKind.String ? tag.GetString() : null)
            .FirstOrDefault(tag => tag is not null && tag.StartsWith(DescriptionTagPrefix, StringComparison.Ordinal));
        return tagged is null ? conversation : conversation with { Description = tagged[DescriptionTagPrefix.Length..] };
    }
}
