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

    protected override async Task<IToolLoader> CreateLoaderAsync(IReadOnlyList<ToolDefinition> tools)
    {
        var servers = new Dictionary<string, McpServerOptions>();
        foreach (var tool in tools)
        {
            var server = await TestMcpServer.StartWithOnlyAsync(tool.Name);
            _servers.Add(server);
            servers[tool.Name.Replace('_', '-')] = Loaders.Http(server.Url, tool.Scope);
        }

        var loader = Loaders.Create(o => { foreach (var (name, server) in servers) o.Servers[name] = server; }, new InMemoryErrorReporter());
        return new Recording(loader);
    }

    /// <summary>A set counts as released once per close of all its clients: the least close count of its connections.</summary>
    protected override int GetReleaseCount(IToolLoader loader) => ((Recording)loader).Loaded.Sum(s => s.Connections.Min(c => c.CloseCount));

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
