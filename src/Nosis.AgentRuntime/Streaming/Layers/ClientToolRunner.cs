using Microsoft.Extensions.Logging;
using Nosis.AgentRuntime.Contracts;
using Nosis.AgentRuntime.Diagnostics;

namespace Nosis.AgentRuntime.Streaming;

/// <summary>Runs one client tool call against the turn's tools; a missing or failing tool becomes an error result, never an exception.</summary>
internal sealed class ClientToolRunner
{
    private readonly SecretRedactor _redactor;
    private readonly ILogger _logger;

    public ClientToolRunner(SecretRedactor redactor, ILogger logger)
    {
        _redactor = redactor;
        _logger = logger;
    }

    /// <exception cref="OperationCanceledException">The turn was aborted while the tool ran.</exception>
    public async Task<ToolResult> InvokeAsync(ChatTurnContext turn, PendingToolCall call, CancellationToken cancellationToken)
    {
        ToolResult result;
        var tools = turn.Tools;
        if (!tools.Tools.Any(t => string.Equals(t.Name, call.Name, StringComparison.Ordinal)))
        {
            result = ToolResult.Error($"No tool named '{call.Name}' is loaded for this conversation.");
        }
        else
        {
            try
            {
                result = await tools.InvokeAsync(new ToolCall(call.Id, call.Name, call.Arguments), cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                throw;
            }
            catch (Exception exception)
            {
                result = ToolResult.Error(_redactor.Redact($"The tool '{call.Name}' failed: {exception.Message}"));
            }
        }

        _logger.ToolRan(call.Name, turn.Conversation.ConversationId, result.IsError);
        return result;
    }
}
