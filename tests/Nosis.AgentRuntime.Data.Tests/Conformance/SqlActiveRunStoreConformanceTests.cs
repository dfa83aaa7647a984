using Nosis.AgentRuntime.Contracts;
using Nosis.AgentRuntime.Data.Tests.Infrastructure;
using Nosis.AgentRuntime.Testing.Conformance;

namespace Nosis.AgentRuntime.Data.Tests.Conformance;

/// <summary>The kit's active-run suite against <see cref="SqlActiveRunStore"/> (migration 7), on SQLite and PostgreSQL.</summary>
/// <param name="kind">Which database the suite runs on.</param>
[TestFixture(DatabaseKind.Sqlite)]
[TestFixture(DatabaseKind.PostgreSql)]
public sealed class SqlActiveRunStoreConformanceTests(DatabaseKind kind) : ActiveRunStoreConformanceTests
{
    private readonly ConformanceDatabases _databases = new(kind);

    protected override async Task<IActiveRunStore> CreateStoreAsync()
    {
        var (testDatabase, database) = await _databases.CreateAsync();
        _databases.Register(database.ActiveRuns, testDatabase, database, ownsTestDatabase: true);
        return database.ActiveRuns;
    }

    // The run lives on the conversation row, so the conversation is created through the conversation store.
    protected override Task<string> AddConversationAsync(IActiveRunStore store) => _databases.AddConversationAsync(store);

    protected override Task DisposeStoreAsync(IActiveRunStore store) => _databases.ReleaseAsync(store);
}
