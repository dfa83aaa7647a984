using System.Collections.Concurrent;

namespace Nosis.AgentRuntime.Mcp.Tests.Infrastructure;

/// <summary>An <see cref="IMcpServerSettingsProvider"/> that records every request and lets a test change the settings per server.</summary>
internal sealed class RecordingSettingsProvider(Func<McpServerSettingsRequest, McpServerSettings?>? settings = null) : IMcpServerSettingsProvider
{
    private readonly ConcurrentQueue<McpServerSettingsRequest> _requests = new();

    public IReadOnlyList<McpServerSettingsRequest> Requests => [.. _requests];

    public ValueTask<McpServerSettings?> GetSettingsAsync(McpServerSettingsRequest request, CancellationToken cancellationToken = default)
    {
        _requests.Enqueue(request);
        return ValueTask.FromResult(settings is null ? request.Configured : settings(request));
    }
}
