using System.Globalization;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;
using ModelContextProtocol;
using ModelContextProtocol.Client;
using Nosis.AgentRuntime.AI;
using Nosis.AgentRuntime.Contracts;

namespace Nosis.AgentRuntime.Mcp;

/// <summary>The tools of one turn's MCP servers: calls go through MCP with a timeout; the release closes every client (ending every stdio process) once.</summary>
internal sealed class McpToolSet : AIFunctionToolSet
{
    private readonly IReadOnlyList<McpConnection> _connections;
    private readonly Dictionary<string, McpConnection> _byTool;
    private readonly TimeSpan _callTimeout;
    private readonly ILogger _logger;

    private McpToolSet(
        IReadOnlyList<McpConnection> connections,
        List<(McpConnection Connection, McpClientTool Tool, string Name)> tools,
        IReadOnlyDictionary<McpConnection, Execution.ToolScope> scopes,
        TimeSpan callTimeout,
        ILogger logger)
        : base(tools.Select(t => new AIFunctionTool(t.Tool, scopes[t.Connection], t.Name)))
    {
        _connections = connections;
        _byTool = tools.ToDictionary(t => t.Name, t => t.Connection, StringComparer.Ordinal);
        _callTimeout = callTimeout;
        _logger = logger;
    }

    public IReadOnlyList<McpConnection> Connections => _connections;

    public static McpToolSet Create(
        IReadOnlyList<(McpConnection Connection, Execution.ToolScope Scope)> connections,
        TimeSpan callTimeout,
        ILogger logger) => new(
            [.. connections.Select(c => c.Connection)],
            McpToolNaming.Assign(connections.Select(c => c.Connection)),
            connections.ToDictionary(c => c.Connection, c => c.Scope),
            callTimeout,
            logger);

    protected override async Task<ToolResult> InvokeFunctionAsync(
        string toolName,
        AIFunction function,
        AIFunctionArguments arguments,
        CancellationToken cancellationToken)
    {
        if (function is not McpClientTool tool || !_byTool.TryGetValue(toolName, out var connection))
        {
            return await base.InvokeFunctionAsync(toolName, function, arguments, cancellationToken).ConfigureAwait(false);
        }

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(_callTimeout);
        try
        {
            var result = await tool.CallAsync(arguments, cancellationToken: timeout.Token).ConfigureAwait(false);
            return McpToolResults.ToToolResult(result);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            _logger.ToolCallTimedOut(connection.ServerName, toolName, _callTimeout);
            return ToolResult.Error(string.Create(
                CultureInfo.InvariantCulture,
                $"The tool '{toolName}' did not answer within {_callTimeout.TotalSeconds:0.#} s."));
        }
        catch (McpException exception)
        {
            return ToolResult.Error($"The tool '{toolName}' failed: {connection.Secrets.Redact(exception.Message)}");
        }
    }

    protected override async ValueTask ReleaseAsync()
    {
        List<Exception>? failures = null;
        foreach (var connection in _connections)
        {
            try
            {
                await connection.DisposeAsync().ConfigureAwait(false);
            }
#pragma warning disable CA1031 // Every client is closed, whatever one of them throws; the failures are rethrown together.
            catch (Exception exception)
#pragma warning restore CA1031
            {
                _logger.ServerCloseFailed(connection.ServerName, exception.GetType().FullName ?? exception.GetType().Name);
                (failures ??= []).Add(new InvalidOperationException(
                    $"Closing the MCP server '{connection.ServerName}' failed: {connection.Secrets.Redact(exception.Message)}"));
            }
        }

        if (failures is not null)
        {
            throw new AggregateException("Closing the turn's MCP servers failed.", failures);
        }
    }
}
