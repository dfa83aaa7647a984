using Nosis.AgentRuntime.Contracts;
using Nosis.AgentRuntime.Data.Tests.Infrastructure;
using Nosis.AgentRuntime.Testing.Conformance;

namespace Nosis.AgentRuntime.Data.Tests.Conformance;

/// <summary>The conformance kit's shared-agent registry suite, on SQLite and PostgreSQL.</summary>
[TestFixture(DatabaseKind.Sqlite)]
[TestFixture(DatabaseKind.PostgreSql)]
public sealed class SqlSharedAgentRegistryConformanceTests(DatabaseKind kind) : SharedAgentRegistryConformanceTests
{
    private readonly ConformanceDatabases _databases = new(kind);

    /// <inheritdoc/>
    protected override async Task<ISharedAgentRegistry> CreateRegistryAsync()
    {
        var (testDatabase, database) = await _databases.CreateAsync();
        _databases.Register(database.SharedAgents, testDatabase, database, ownsTestDatabase: true);
        return database.SharedAgents;
    }

    /// <inheritdoc/>
    protected override Task<string> AddConversationAsync(ISharedAgentRegistry registry) => _databases.AddConversationAsync(registry);

    /// <inheritdoc/>
    protected override Task<ISharedAgentRegistry> CreateRegistryOverSameStoreAsync(ISharedAgentRegistry registry)
    {
        var testDatabase = _databases.TestDatabaseOf(registry);
        var other = testDatabase.Open();
        _databases.Register(other.SharedAgents, testDatabase, other, ownsTestDatabase: false);
        return Task.FromResult<ISharedAgentRegistry>(other.SharedAgents);
    }

    /// <inheritdoc/>
    protected override Task DisposeRegistryAsync(ISharedAgentRegistry registry) => _databases.ReleaseAsync(registry);
}
