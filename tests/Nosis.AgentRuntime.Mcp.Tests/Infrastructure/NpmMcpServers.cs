using Nosis.AgentRuntime.Tests;

namespace Nosis.AgentRuntime.Mcp.Tests.Infrastructure;

/// <summary>The npm MCP reference servers installed in tests/interop by eng/test.sh, started with node over stdio.</summary>
internal static class NpmMcpServers
{
    public const string Everything = "@modelcontextprotocol/server-everything";
    public const string Filesystem = "@modelcontextprotocol/server-filesystem";

    /// <summary>Returns node and the server's entry script; ignores the test without them, fails it under CI=true.</summary>
    public static (string Node, string Script) Require(string package)
    {
        var node = NodeInterop.RequireNodeWith(package);
        return (node, Path.Combine(NodeInterop.InteropDirectory, "node_modules", package, "dist", "index.js"));
    }

    /// <summary>Settings for the everything server over stdio, its process marked with <paramref name="marker"/>.</summary>
    public static McpServerOptions EverythingServer(string marker, ToolScope scope = ToolScope.Local)
    {
        var (node, script) = Require(Everything);
        var options = new McpServerOptions { Scope = scope, Command = node };
        options.Arguments.Add(script);
        options.Arguments.Add("stdio");
        options.Environment[StdioProcesses.MarkerVariable] = marker;
        return options;
    }
}
