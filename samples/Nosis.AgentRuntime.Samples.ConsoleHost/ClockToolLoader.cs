using System.Globalization;
using System.Text.Json;
using Nosis.AgentRuntime.Contracts;
using Nosis.AgentRuntime.Execution;

namespace Nosis.AgentRuntime.Samples.ConsoleHost;

/// <summary>The host's own tools: one harmless client-side tool, to show the agent calling back into the host.</summary>
internal sealed class ClockToolLoader(TimeProvider time) : IToolLoader
{
    private static readonly ToolDefinition CurrentTime = new(
        "current_time",
        "Returns the current UTC date and time.",
        JsonDocument.Parse("""{"type":"object","properties":{}}""").RootElement,
        ToolScope.Global);

    public Task<ToolSet> LoadToolsAsync(ToolLoadRequest request, CancellationToken cancellationToken = default) =>
        Task.FromResult<ToolSet>(new ClockTools(time, ToolScopes.Includes(request.Target, CurrentTime.Scope) ? [CurrentTime] : []));

    private sealed class ClockTools(TimeProvider time, IReadOnlyList<ToolDefinition> tools) : ToolSet
    {
        public override IReadOnlyList<ToolDefinition> Tools => tools;

        public override Task<ToolResult> InvokeAsync(ToolCall call, CancellationToken cancellationToken = default) =>
            Task.FromResult(ToolResult.Success(time.GetUtcNow().ToString("u", CultureInfo.InvariantCulture)));
    }
}
