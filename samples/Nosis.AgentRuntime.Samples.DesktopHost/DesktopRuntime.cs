using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Nosis.AgentRuntime.Contracts;
using Nosis.AgentRuntime.Data;
using Nosis.AgentRuntime.Execution;
using Nosis.AgentRuntime.Mcp;

namespace Nosis.AgentRuntime.Samples.DesktopHost;

/// <summary>Builds the runtime of one surface over the shared database, with the MCP servers of both scopes.</summary>
internal static class DesktopRuntime
{
    public const string WorkspaceServer = "workspace-files";
    public const string SandboxServer = "sandbox-tools";

    public static IHost Build(
        ExecutionSurface surface,
        AgentRuntimeDatabase database,
        LettaConnection letta,
        (string Node, string Script) filesystem,
        string workspace,
        Uri sandboxTools)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Logging.ClearProviders();
        builder.Services.AddSingleton<IAgentIdRegistry>(database.AgentIds);
        builder.Services.AddSingleton<IMessageStore>(database.Messages);
        builder.Services.AddSingleton<ITurnLeaseStore>(database.TurnLeases);
        builder.Services.AddNosisAgentRuntime(
                options =>
                {
                    options.BaseUrl = letta.Url;
                    options.ApiKey = letta.ApiKey;
                    options.MaxRetries = 1;
                },
                runtime => runtime.Surface = surface)
            .UseMcpTools(mcp =>
            {
                // Local tools: the npm filesystem server over stdio, rooted at the workspace folder and started for each turn.
                var files = new McpServerOptions { Scope = ToolScope.Local, Command = filesystem.Node, WorkingDirectory = workspace };
                files.Arguments.Add(filesystem.Script);
                files.Arguments.Add(workspace);
                mcp.Servers[WorkspaceServer] = files;

                // Sandbox tools: a remote server over Streamable HTTP.
                mcp.Servers[SandboxServer] = new McpServerOptions { Scope = ToolScope.Sandbox, Url = sandboxTools };
            })
            .AddAppServerBackend(letta.Configuration);
        return builder.Build();
    }
}
