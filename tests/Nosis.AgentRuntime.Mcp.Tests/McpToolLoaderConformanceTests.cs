using Nosis.AgentRuntime.Contracts;
using Nosis.AgentRuntime.Mcp.Tests.Infrastructure;
using Nosis.AgentRuntime.Testing.Conformance;
using Nosis.AgentRuntime.Testing.InMemory;

namespace Nosis.AgentRuntime.Mcp.Tests;

/// <summary>The adapter conformance kit's tool-loader suite, run on the MCP loader with one real HTTP server per scope.</summary>
public sealed class McpToolLoaderConformanceTests : ToolLoaderConformanceTests
{
    private readonly List<TestMcpServer> _servers = [];

    [OneTimeTearDown]
    public async Task StopServersAsync()
    {
        foreach (var server in _servers)
        {
            await server.DisposeAsync();
        }
    }

    /// <summary>The MCP loader cannot be made to fail while closing a real client, so that capability is declared lacking.</summary>
    protected override IEnumerable<LackedCapability> LackedCapabilities =>
        [new(KitCapability.FailingRelease, "a real MCP client's close cannot be made to throw after freeing its connection")];

    /// <summary>One real server per tool; the office callback hands each office only its own servers.</summary>
    protected override async Task<IToolLoader> CreateLoaderAsync(IReadOnlyList<ToolDefinition> tools, IReadOnlyList<ToolDefinition> otherOfficeTools)
    {
        var servers = new Dictionary<string, McpServerOptions>();
        var officeOf = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (officeId, list) in new[] { (OfficeId, tools), (OtherOfficeId, otherOfficeTools) })
        {
            foreach (var tool in list)
            {
                var server = await TestMcpServer.StartWithOnlyAsync(tool.Name);
                _servers.Add(server);
                var name = $"{officeId}-{tool.Name.Replace('_', '-')}";
                servers[name] = Loaders.Http(server.Url, tool.Scope);
                officeOf[name] = officeId;
            }
        }

        var loader = Loaders.Create(o => { foreach (var (name, server) in servers) o.Servers[name] = server; }, new InMemoryErrorReporter(), new OfficeServers(officeOf));
        return new Recording(loader);
    }

    /// <summary>A set counts as released once per close of all its clients: the least close count of its connections.</summary>
    protected override int GetReleaseCount(IToolLoader loader) => ((Recording)loader).Loaded.Sum(s => s.Connections.Min(c => c.CloseCount));

    /// <summary>A connection is open until its client was closed.</summary>
    protected override int GetOpenResourceCount(IToolLoader loader) => ((Recording)loader).Loaded.Sum(s => s.Connections.Count(c => c.CloseCount == 0));

    private sealed class OfficeServers(IReadOnlyDictionary<string, string> officeOf) : IMcpServerSettingsProvider
    {
        public ValueTask<McpServerSettings?> GetSettingsAsync(McpServerSettingsRequest request, CancellationToken cancellationToken = default) =>
            ValueTask.FromResult(officeOf[request.ServerName] == request.OfficeId ? request.Configured : null);
    }

    private sealed class Recording(McpToolLoader inner) : IToolLoader
    {
        private readonly List<McpToolSet> _loaded = [];

        public IReadOnlyList<McpToolSet> Loaded
        {
            get
            {
                lock (_loaded)
                {
                    return [.. _loaded];
                }
            }
        }

        public async Task<ToolSet> LoadToolsAsync(ToolLoadRequest request, CancellationToken cancellationToken = default)
        {
            var set = (McpToolSet)await inner.LoadToolsAsync(request, cancellationToken);
            lock (_loaded)
            {
                _loaded.Add(set);
            }

            return set;
        }
    }
}
