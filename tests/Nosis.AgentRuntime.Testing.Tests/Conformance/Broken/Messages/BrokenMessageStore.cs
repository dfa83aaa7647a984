using Nosis.AgentRuntime.Contracts;
using Nosis.AgentRuntime.Testing.Conformance;

namespace Nosis.AgentRuntime.Testing.Tests.Conformance.Broken.Messages;

/// <summary>The base of the deliberately wrong message stores: a correct list-backed store whose steps each bug overrides.</summary>
public abstract class BrokenMessageStore : IMessageStore
{
    private readonly Lock _gate = new();
    private readonly List<StoredMessage> _rows = [];

    public Task SaveUserMessageAsync(UserMessage message, CancellationToken cancellationToken = default) =>
        InsertUserAsync(StoredMessage.FromUser(OnSave(message)));

    public Task SaveAssistantMessageAsync(AssistantMessage message, CancellationToken cancellationToken = default) =>
        InsertAssistantAsync(StoredMessage.FromAssistant(OnSave(message)));

    public virtual IReadOnlyList<StoredMessage> GetMessages(string conversationId)
    {
        lock (_gate)
        {
            return [.. _rows.Where(m => m.ConversationId == conversationId).Select(OnRead)];
        }
    }

    protected virtual UserMessage OnSave(UserMessage message) => message;

    protected virtual AssistantMessage OnSave(AssistantMessage message) => message;

    protected virtual StoredMessage OnRead(StoredMessage message) => message;

    protected virtual Task InsertUserAsync(StoredMessage message) => InsertOnceAsync(message);

    protected virtual Task InsertAssistantAsync(StoredMessage message) => InsertOnceAsync(message);

    /// <summary>INSERT … ON CONFLICT (id) DO NOTHING.</summary>
    protected Task InsertOnceAsync(StoredMessage message)
    {
        lock (_gate)
        {
            if (!_rows.Exists(m => m.MessageId == message.MessageId))
            {
                _rows.Add(message);
            }
        }

        return Task.CompletedTask;
    }

    /// <summary>SELECT, then INSERT when absent: two overlapping saves both insert.</summary>
    protected async Task CheckThenInsertAsync(StoredMessage message)
    {
        if (Exists(message.MessageId))
        {
            return;
        }

        await Task.Yield(); // the round trip between the SELECT and the INSERT
        Append(message);
    }

    /// <summary>A plain INSERT into a table without a unique key.</summary>
    protected void Append(StoredMessage message)
    {
        lock (_gate)
        {
            _rows.Add(message);
        }
    }

    protected IReadOnlyList<StoredMessage> AllRows()
    {
        lock (_gate)
        {
            return [.. _rows.Select(OnRead)];
        }
    }

    private bool Exists(string messageId)
    {
        lock (_gate)
        {
            return _rows.Exists(m => m.MessageId == messageId);
        }
    }
}
