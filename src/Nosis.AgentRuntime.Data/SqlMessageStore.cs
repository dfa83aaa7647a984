using System.Data.Common;
using Nosis.AgentRuntime.Contracts;
using Nosis.AgentRuntime.Data.Internal;

namespace Nosis.AgentRuntime.Data;

/// <summary>Messages over SQL, saved idempotently by message id and listed in the order they were written.</summary>
/// <remarks>A save is one <c>INSERT … ON CONFLICT (id) DO NOTHING</c>: saving the same id again keeps the first row unchanged.</remarks>
public sealed class SqlMessageStore : IMessageStore, IMessageHistory, IUnansweredTurnStore
{
    private const string InsertSql =
        "INSERT INTO messages (" + MessageRows.Columns + ") VALUES "
        + "(@id, @conversation, @role, @user, @content, @model, @input, @output, @completion, @truncated, @agent, @run, @created, @reasoning, @cached, @steps, @cacheWrite, @context, @tools, @parts) "
        + "ON CONFLICT (id) DO NOTHING";

    private const string ListSql =
        "SELECT " + MessageRows.Columns + " FROM messages WHERE conversation_id = @conversation ORDER BY created_at, seq LIMIT @limit OFFSET @offset";

    private const string DeleteReplySql =
        "DELETE FROM messages WHERE conversation_id = @conversation AND id = @id AND role = 'assistant'";

    private readonly AgentRuntimeDatabase _database;
    private readonly UnansweredTurnQueries _unanswered;

    /// <summary>Initializes a new store over a database.</summary>
    /// <param name="database">The database.</param>
    public SqlMessageStore(AgentRuntimeDatabase database)
    {
        ArgumentNullException.ThrowIfNull(database);
        _database = database;
        _unanswered = new UnansweredTurnQueries(database.Runner, database.ReadAhead);
    }

    /// <inheritdoc/>
    public Task SaveUserMessageAsync(UserMessage message, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(message);
        return SaveAsync(
            new MessageRecord(message.MessageId, message.ConversationId, MessageRole.User, message.Content, message.CreatedAt)
            {
                UserId = message.UserId,
                Parts = message.Parts,
            },
            cancellationToken);
    }

    /// <inheritdoc/>
    public Task SaveAssistantMessageAsync(AssistantMessage message, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(message);
        return SaveAsync(
            new MessageRecord(message.MessageId, message.ConversationId, MessageRole.Assistant, message.Text, message.CreatedAt)
            {
                Model = message.Model,
                InputTokens = message.Usage?.InputTokens,
                OutputTokens = message.Usage?.OutputTokens,
                ReasoningTokens = message.Usage?.ReasoningTokens,
                CachedInputTokens = message.Usage?.CachedInputTokens,
                StepCount = message.Usage?.StepCount,
                CacheWriteTokens = message.Usage?.CacheWriteTokens,
                ContextTokens = message.Usage?.ContextTokens,
                ToolCalls = message.ToolCalls,
                Completion = message.Completion,
                IsTruncated = message.IsTruncated,
                AgentId = message.AgentId,
                RunId = message.RunId,
                Parts = message.Parts,
            },
            cancellationToken);
    }

    /// <summary>Stores a message unless one with its id is already stored.</summary>
    /// <param name="message">The message.</param>
    /// <param name="cancellationToken">Cancels the save.</param>
    /// <returns><see langword="true"/> when this call stored it; <see langword="false"/> when its id was already stored.</returns>
    /// <exception cref="DbException">The conversation does not exist.</exception>
    public async Task<bool> SaveAsync(MessageRecord message, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(message);
        ArgumentException.ThrowIfNullOrWhiteSpace(message.Id, nameof(message));
        ArgumentException.ThrowIfNullOrWhiteSpace(message.ConversationId, nameof(message));
        ArgumentNullException.ThrowIfNull(message.Content, nameof(message));
        _database.ReadAhead.ForgetLatestMessage(message.ConversationId);
        var changed = await _database.Runner.ExecuteAsync(
            InsertSql,
            [
                SqlParameterValue.Text("@id", message.Id),
                SqlParameterValue.Text("@conversation", message.ConversationId),
                SqlParameterValue.Text("@role", MessageColumns.ToRoleName(message.Role)),
                SqlParameterValue.Text("@user", message.UserId),
                SqlParameterValue.Text("@content", message.Content),
                SqlParameterValue.Text("@model", message.Model),
                SqlParameterValue.Int64("@input", message.InputTokens),
                SqlParameterValue.Int64("@output", message.OutputTokens),
                SqlParameterValue.Text("@completion", message.Completion is { } completion ? MessageColumns.ToCompletionName(completion) : null),
                SqlParameterValue.Int64("@truncated", message.IsTruncated ? 1 : 0),
                SqlParameterValue.Text("@agent", message.AgentId),
                SqlParameterValue.Text("@run", message.RunId),
                SqlParameterValue.Int64("@created", SqlReader.ToUnixMilliseconds(message.CreatedAt)),
                SqlParameterValue.Int64("@reasoning", message.ReasoningTokens),
                SqlParameterValue.Int64("@cached", message.CachedInputTokens),
                SqlParameterValue.Int32("@steps", message.StepCount),
                SqlParameterValue.Int64("@cacheWrite", message.CacheWriteTokens),
                SqlParameterValue.Int64("@context", message.ContextTokens),
                SqlParameterValue.Text("@tools", ToolCallColumn.Write(message.ToolCalls)),
                SqlParameterValue.Text("@parts", MessagePartsJson.Write(message.Parts)),
            ],
            cancellationToken).ConfigureAwait(false);
        return changed == 1;
    }

    /// <summary>Lists the messages of a conversation, oldest first (ties keep the order they were saved in).</summary>
    /// <param name="conversationId">The conversation.</param>
    /// <param name="limit">The most rows to return, 1 to 10000.</param>
    /// <param name="offset">How many rows to skip.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The messages.</returns>
    public async Task<IReadOnlyList<MessageRecord>> ListMessagesAsync(
        string conversationId, int limit = 1000, int offset = 0, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(conversationId);
        ArgumentOutOfRangeException.ThrowIfLessThan(limit, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(limit, 10_000);
        ArgumentOutOfRangeException.ThrowIfNegative(offset);
        return await _database.Runner.QueryAsync(
            ListSql,
            [SqlParameterValue.Text("@conversation", conversationId), SqlParameterValue.Int64("@limit", limit), SqlParameterValue.Int64("@offset", offset)],
            MessageRows.Map,
            cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc/>
    public async Task<IReadOnlyList<ConversationMessage>> ReadMessagesAsync(string conversationId, int limit, CancellationToken cancellationToken = default)
    {
        var records = await ListMessagesAsync(conversationId, limit, 0, cancellationToken).ConfigureAwait(false);
        return [.. records.Select(MessageRecordConversion.ToConversationMessage)];
    }

    /// <inheritdoc/>
    public async Task<bool> DeleteAssistantMessageAsync(string conversationId, string messageId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(conversationId);
        ArgumentException.ThrowIfNullOrWhiteSpace(messageId);
        _database.ReadAhead.ForgetLatestMessage(conversationId);
        var changed = await _database.Runner.ExecuteAsync(
            DeleteReplySql,
            [SqlParameterValue.Text("@conversation", conversationId), SqlParameterValue.Text("@id", messageId)],
            cancellationToken).ConfigureAwait(false);
        return changed == 1;
    }

    /// <inheritdoc/>
    public Task<UserMessage?> FindUnansweredTurnAsync(string conversationId, CancellationToken cancellationToken = default) =>
        _unanswered.FindAsync(conversationId, cancellationToken);

    /// <inheritdoc/>
    public Task<IReadOnlyList<UserMessage>> ListUnansweredTurnsAsync(DateTimeOffset savedBefore, int limit, CancellationToken cancellationToken = default) =>
        _unanswered.ListAsync(savedBefore, limit, cancellationToken);
}
