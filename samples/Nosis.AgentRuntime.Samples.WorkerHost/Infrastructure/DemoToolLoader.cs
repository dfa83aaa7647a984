using System.Globalization;
using System.Text.Json;
using Nosis.AgentRuntime.Contracts;
using Nosis.AgentRuntime.Execution;

namespace Nosis.AgentRuntime.Samples.WorkerHost.Infrastructure;

/// <summary>The sample's tools: one harmless global tool, <c>current_time</c>, which answers the host's UTC time.</summary>
/// <remarks>A real worker loads its tools from its tool servers here, scoped by the conversation's execution target.</remarks>
internal sealed class DemoToolLoader(TimeProvider timeProvider) : IToolLoader
{
    private static readonly ToolDefinition CurrentTime = new(
        "current_time",
        "Returns the current date and time in UTC (ISO 8601).",
        JsonDocument.Parse("""{"type":"object","properties":{}}""").RootElement.Clone(),
        ToolScope.Global);

    public Task<ToolSet> LoadToolsAsync(ToolLoadRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        IReadOnlyList<ToolDefinition> tools = request.Scopes.Contains(CurrentTime.Scope) ? [CurrentTime] : [];
        return Task.FromResult<ToolSet>(new DemoToolSet(tools, timeProvider));
    }

    private sealed class DemoToolSet(IReadOnlyList<ToolDefinition> tools, TimeProvider timeProvider) : ToolSet
    {
        public override IReadOnlyList<ToolDefinition> Tools => tools;

        public override Task<ToolResult> InvokeAsync(ToolCall call, CancellationToken cancellationToken = default)
        {
            ArgumentNullException.ThrowIfNull(call);
            return Task.FromResult(
                tools.Any(t => t.Name == call.Name) && call.Name == CurrentTime.Name
                    ? ToolResult.Success(timeProvider.GetUtcNow().ToString("O", CultureInfo.InvariantCulture))
                    : ToolResult.Error($"No tool named '{call.Name}' is loaded."));
        }
    }
}
