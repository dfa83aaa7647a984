using Nosis.AgentRuntime.Contracts;
using Nosis.AgentRuntime.Data.Tests.Infrastructure;
using Nosis.AgentRuntime.Testing.Conformance;

namespace Nosis.AgentRuntime.Data.Tests.Conformance;

/// <summary>The kit's registry suite against <see cref="SqlAgentIdRegistry"/>; the second instance has its own data source over the same database, as another process would.</summary>
/// <param name="kind">Which database the suite runs on.</param>
[TestFixture(DatabaseKind.Sqlite)]
[TestFixture(DatabaseKind.PostgreSql)]
public sealed class SqlAgentIdRegistryConformanceTests(DatabaseKind kind) : AgentIdRegistryConformanceTests
{
    private readonly ConformanceDatabases _databases = new(kind);

    protected override async Task<IAgentIdRegistry> CreateRegistryAsync()
    {
        var (testDatabase, database) = await _databases.CreateAsync();
        _databases.Register(database.AgentIds, testDatabase, database, ownsTestDatabase: true);
        return database.AgentIds;
    }

    protected override Task<string> AddConversationAsync(IAgentIdRegistry registry) => _databases.AddConversationAsync(registry);

    protected override Task<IAgentIdRegistry> CreateRegistryOverSameStoreAsync(IAgentIdRegistry registry)
    {
        var testDatabase = _databases.TestDatabaseOf(registry);
        var other = testDatabase.Open();
        _databases.Register(other.AgentIds, testDatabase, other, ownsTestDatabase: false);
        return Task.FromResult<IAgentIdRegistry>(other.AgentIds);
    }

    protected override Task DisposeRegistryAsync(IAgentIdRegistry registry) => _databases.ReleaseAsync(registry);
}
