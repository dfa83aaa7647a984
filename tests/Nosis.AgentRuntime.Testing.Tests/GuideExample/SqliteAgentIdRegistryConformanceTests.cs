using Microsoft.Data.Sqlite;
using Nosis.AgentRuntime.Contracts;
using Nosis.AgentRuntime.Testing.Conformance;

namespace Nosis.AgentRuntime.Testing.Tests.GuideExample;

/// <summary>The worked example of docs/adapter-guide.md: the SQLite registry runs the registry suite, including two instances over one file.</summary>
[TestFixture]
public sealed class SqliteAgentIdRegistryConformanceTests : AgentIdRegistryConformanceTests
{
    private readonly Dictionary<IAgentIdRegistry, string> _files = [];

    protected override bool SupportsSharedStore => true;

    // The guide's registry predates the lost-agent re-claim and keeps the interface's default (not supported).
    protected override bool SupportsReplace => false;

    protected override async Task<IAgentIdRegistry> CreateRegistryAsync()
    {
        var file = Path.Combine(Path.GetTempPath(), $"nosis-kit-{Guid.NewGuid():N}.db");
        var registry = new SqliteAgentIdRegistry(ConnectionString(file));
        await registry.InitializeAsync();
        _files[registry] = file;
        return registry;
    }

    protected override async Task<string> AddConversationAsync(IAgentIdRegistry registry)
    {
        var id = "conv-" + Guid.NewGuid().ToString("N");
        await ((SqliteAgentIdRegistry)registry).AddConversationAsync(id);
        return id;
    }

    // Another instance over the same database file: what a second process would have.
    protected override Task<IAgentIdRegistry> CreateRegistryOverSameStoreAsync(IAgentIdRegistry registry) =>
        Task.FromResult<IAgentIdRegistry>(new SqliteAgentIdRegistry(ConnectionString(_files[registry])));

    protected override Task DisposeRegistryAsync(IAgentIdRegistry registry)
    {
        if (_files.Remove(registry, out var file))
        {
            SqliteConnection.ClearAllPools();
            foreach (var path in new[] { file, file + "-wal", file + "-shm" })
            {
                File.Delete(path);
            }
        }

        return Task.CompletedTask;
    }

    private static string ConnectionString(string file) =>
        new SqliteConnectionStringBuilder { DataSource = file, DefaultTimeout = 30, Pooling = true }.ToString();
}
