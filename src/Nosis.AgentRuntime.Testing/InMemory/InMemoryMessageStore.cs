using Nosis.AgentRuntime.Contracts;
using Nosis.AgentRuntime.Testing.Conformance;

namespace Nosis.AgentRuntime.Testing.InMemory;

/// <summary>An <see cref="IMessageStore"/> that keeps every message in memory, in the order it was saved.</summary>
/// <remarks>
/// Saves are idempotent by message id across the whole store: a second save of an id already kept changes nothing. Content
/// is kept as the same string instance, unchanged. Every member is thread-safe; reads return snapshots.
/// </remarks>
public sealed class InMemoryMessageStore : IMessageStore, IMessageHistory, IUnansweredTurnStore
{
    private readonly Lock _gate = new();
    private readonly List<StoredMessage> _messages = [];
    private readonly HashSet<string> _ids = new(StringComparer.Ordinal);

    /// <summary>Gets how many messages the store keeps, across all conversations.</summary>
    public int Count
    {
        get
        {
            lock (_gate)
            {
                return _messages.Count;
            }
        }
    }

    /// <inheritdoc/>
    public Task SaveUserMessageAsync(UserMessage message, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(message);
        cancellationToken.ThrowIfCancellationRequested();
        Add(StoredMessage.FromUser(message));
        return Task.CompletedTask;
    }

    /// <inheritdoc/>
    public Task SaveAssistantMessageAsync(AssistantMessage message, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(message);
        cancellationToken.ThrowIfCancellationRequested();
        Add(StoredMessage.FromAssistant(message));
        return Task.CompletedTask;
    }

    /// <summary>Returns the messages of a conversation in the order they were saved.</summary>
    /// <param name="conversationId">The conversation.</param>
    /// <returns>A snapshot of its messages; empty when there are none.</returns>
    public IReadOnlyList<StoredMessage> GetMessages(string conversationId)
    {
        ArgumentNullException.ThrowIfNull(conversationId);
        lock (_gate)
        {
            return [.. _messages.Where(m => string.Equals(m.ConversationId, conversationId, StringComparison.Ordinal))];
        }
    }

    /// <summary>Returns the user messages of a conversation in the order they were saved.</summary>
    /// <param name="conversationId">The conversation.</param>
    /// <returns>A snapshot of its user messages.</returns>
    public IReadOnlyList<UserMessage> GetUserMessages(string conversationId) =>
        [.. GetMessages(conversationId).Where(m => m.User is not null).Select(m => m.User!)];

    /// <summary>Returns the assistant replies of a conversation in the order they were saved.</summary>
    /// <param name="conversationId">The conversation.</param>
    /// <returns>A snapshot of its assistant replies.</returns>
    public IReadOnlyList<AssistantMessage> GetAssistantMessages(string conversationId) =>
        [.. GetMessages(conversationId).Where(m => m.Assistant is not null).Select(m => m.Assistant!)];

    /// <inheritdoc/>
    public Task<IReadOnlyList<ConversationMessage>> ReadMessagesAsync(string conversationId, int limit, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(limit, 1);
        cancellationToken.ThrowIfCancellationRequested();
        IReadOnlyList<ConversationMessage> messages = [.. GetMessages(conversationId).Take(limit).Select(ToConversationMessage)];
        return Task.FromResult(messages);
    }

    /// <inheritdoc/>
    public Task<bool> DeleteAssistantMessageAsync(string conversationId, string messageId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(conversationId);
        ArgumentNullException.ThrowIfNull(messageId);
        cancellationToken.ThrowIfCancellationRequested();
        lock (_gate)
        {
            var index = _messages.FindIndex(m => m.IsAssistant
                && string.Equals(m.ConversationId, conversationId, StringComparison.Ordinal)
                && string.Equals(m.MessageId, messageId, StringComparison.Ordinal));
            if (index < 0)
            {
                return Task.FromResult(false);
            }

            _messages.RemoveAt(index);
            _ids.Remove(messageId);
            return Task.FromResult(true);
        }
    }

    /// <inheritdoc/>
    public Task<UserMessage?> FindUnansweredTurnAsync(string conversationId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(conversationId);
        cancellationToken.ThrowIfCancellationRequested();
        lock (_gate)
        {
            return Task.FromResult(_messages.FindLast(m => string.Equals(m.ConversationId, conversationId, StringComparison.Ordinal))?.User);
        }
    }

    /// <inheritdoc/>
    public Task<IReadOnlyList<UserMessage>> ListUnansweredTurnsAsync(DateTimeOffset savedBefore, int limit, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(limit, 1);
        cancellationToken.ThrowIfCancellationRequested();
        lock (_gate)
        {
            IReadOnlyList<UserMessage> unanswered =
            [
                .. _messages.GroupBy(m => m.ConversationId, StringComparer.Ordinal)
                    .Select(g => g.Last().User)
                    .OfType<UserMessage>()
                    .Where(m => m.CreatedAt < savedBefore)
                    .OrderBy(m => m.CreatedAt)
                    .Take(limit),
            ];
            return Task.FromResult(unanswered);
        }
    }

    private static ConversationMessage ToConversationMessage(StoredMessage message) => message.Assistant is { } reply
        ? ConversationMessage.FromAssistant(reply.Parts is null ? reply with { Parts = [new TextPart(reply.Text)] } : reply)
        : ConversationMessage.FromUser(message.User!.Parts is null ? message.User with { Parts = [new TextPart(message.User.Content)] } : message.User);

    private void Add(StoredMessage message)
    {
        lock (_gate)
        {
            if (_ids.Add(message.MessageId))
            {
                _messages.Add(message);
            }
        }
    }
}
