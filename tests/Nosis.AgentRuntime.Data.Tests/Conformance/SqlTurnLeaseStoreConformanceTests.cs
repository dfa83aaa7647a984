using Nosis.AgentRuntime.Contracts;
using Nosis.AgentRuntime.Data.Tests.Infrastructure;
using Nosis.AgentRuntime.Testing.Conformance;

namespace Nosis.AgentRuntime.Data.Tests.Conformance;

/// <summary>The kit's turn lease suite against <see cref="SqlTurnLeaseStore"/>, on the kit's hand-moved clock.</summary>
/// <param name="kind">Which database the suite runs on.</param>
[TestFixture(DatabaseKind.Sqlite)]
[TestFixture(DatabaseKind.PostgreSql)]
public sealed class SqlTurnLeaseStoreConformanceTests(DatabaseKind kind) : TurnLeaseStoreConformanceTests
{
    private readonly ConformanceDatabases _databases = new(kind);

    // Expiry is computed from AgentRuntimeDatabase.TimeProvider, never the database clock.
    protected override bool UsesTimeProvider => true;

    protected override async Task<ITurnLeaseStore> CreateLeaseStoreAsync(TimeProvider timeProvider)
    {
        var (testDatabase, database) = await _databases.CreateAsync(timeProvider);
        _databases.Register(database.TurnLeases, testDatabase, database, ownsTestDatabase: true);
        return database.TurnLeases;
    }

    // Leases live on the conversation row, so the conversation is created through the conversation store.
    protected override Task<string> AddConversationAsync(ITurnLeaseStore store) => _databases.AddConversationAsync(store);

    protected override Task DisposeLeaseStoreAsync(ITurnLeaseStore store) => _databases.ReleaseAsync(store);
}
