using Nosis.AgentRuntime.Contracts;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Nosis.AgentRuntime.Mcp.Tests.Infrastructure;

/// <summary>Builds loaders and conversations for the tests.</summary>
internal static class Loaders
{
    public static McpToolLoader Create(
        Action<McpToolsOptions> configure,
        IErrorReporter errors,
        IMcpServerSettingsProvider? settings = null,
        ILoggerFactory? loggerFactory = null)
    {
        var options = new McpToolsOptions { StartTimeout = TimeSpan.FromSeconds(20), CallTimeout = TimeSpan.FromSeconds(10) };
        configure(options);
        var validation = new McpToolsOptionsValidator().Validate(null, options);
        validation.Succeeded.Should().BeTrue(validation.FailureMessage);
        return new McpToolLoader(Options.Create(options), settings ?? new RecordingSettingsProvider(), errors, loggerFactory);
    }

    public static McpServerOptions Http(Uri url, ToolScope scope) => new() { Scope = scope, Url = url };

    public static ToolLoadRequest Request(ExecutionTarget target, string officeId = "office-7") =>
        new(new ConversationRuntime("conv-" + Guid.NewGuid().ToString("N")[..8], "user-3", officeId, workspaceId: null, target));

    public static Task<ToolResult> CallAsync(this ToolSet tools, string name, string argumentsJson = "{}") =>
        tools.InvokeAsync(new ToolCall("call_" + Guid.NewGuid().ToString("N")[..8], name, argumentsJson));
}
