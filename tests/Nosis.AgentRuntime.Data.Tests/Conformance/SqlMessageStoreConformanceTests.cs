using Nosis.AgentRuntime.Contracts;
using Nosis.AgentRuntime.Data.Tests.Infrastructure;
using Nosis.AgentRuntime.Testing.Conformance;

namespace Nosis.AgentRuntime.Data.Tests.Conformance;

/// <summary>The kit's message store suite against <see cref="SqlMessageStore"/>, reading the stored rows back through <see cref="SqlMessageStore.ListMessagesAsync"/>.</summary>
/// <param name="kind">Which database the suite runs on.</param>
[TestFixture(DatabaseKind.Sqlite)]
[TestFixture(DatabaseKind.PostgreSql)]
public sealed class SqlMessageStoreConformanceTests(DatabaseKind kind) : MessageStoreConformanceTests
{
    private readonly ConformanceDatabases _databases = new(kind);

    // PostgreSQL's text type cannot hold U+0000, and the SQL store keeps content as text: such a save fails (22021).
    protected override IEnumerable<LackedCapability> LackedCapabilities => kind == DatabaseKind.PostgreSql
        ? [new(KitCapability.NulCharacters, "PostgreSQL text cannot hold U+0000; SqlMessageStore stores content as text, so the save fails with 22021")]
        : [];

    protected override async Task<IMessageStore> CreateStoreAsync()
    {
        var (testDatabase, database) = await _databases.CreateAsync();
        _databases.Register(database.Messages, testDatabase, database, ownsTestDatabase: true);
        return database.Messages;
    }

    // Messages reference their conversation row (a foreign key), so the conversation is created through the conversation store.
    protected override Task<string> AddConversationAsync(IMessageStore store) => _databases.AddConversationAsync(store);

    protected override async Task<IReadOnlyList<StoredMessage>> ReadMessagesAsync(IMessageStore store, string conversationId)
    {
        var records = await ((SqlMessageStore)store).ListMessagesAsync(conversationId, limit: 10_000);
        return [.. records.Select(ToStoredMessage)];
    }

    protected override Task DisposeStoreAsync(IMessageStore store) => _databases.ReleaseAsync(store);

    private static StoredMessage ToStoredMessage(MessageRecord record) => record.Role switch
    {
        MessageRole.User => StoredMessage.FromUser(new UserMessage(
            record.Id,
            record.ConversationId,
            record.UserId ?? throw new AssertionException($"The user message {record.Id} was read back without its user id."),
            record.Content,
            record.CreatedAt) { Parts = record.Parts }),
        MessageRole.Assistant => StoredMessage.FromAssistant(new AssistantMessage(
            record.Id,
            record.ConversationId,
            record.Content,
            record.Model,
            ToUsage(record),
            record.Completion ?? throw new AssertionException($"The assistant reply {record.Id} was read back without how it ended (completion is null)."),
            record.CreatedAt)
        {
            IsTruncated = record.IsTruncated,
            AgentId = record.AgentId,
            RunId = record.RunId,
            Parts = record.Parts,
        }),
        _ => throw new AssertionException($"The message {record.Id} was read back with an unknown role {record.Role}."),
    };

    private static TokenUsage? ToUsage(MessageRecord record) => (record.InputTokens, record.OutputTokens) switch
    {
        (null, null) => null,
        ({ } input, { } output) => new TokenUsage(input, output)
        {
            ReasoningTokens = record.ReasoningTokens,
            CachedInputTokens = record.CachedInputTokens,
            StepCount = record.StepCount,
        },
        _ => throw new AssertionException($"The assistant reply {record.Id} was read back with only one of its input and output token counts."),
    };
}
