using Nosis.AgentRuntime.Contracts;
using Nosis.AgentRuntime.Streaming;

namespace Nosis.AgentRuntime.RaceWorker;

/// <summary>Fires the concurrent first messages of one conversation through this process's runtime.</summary>
/// <param name="worker">This process's name, for the output.</param>
/// <param name="chat">The chat service (its own turn gate, the SQL turn lease).</param>
/// <param name="agents">The agent claim (its own single-flight, the SQL registry).</param>
/// <param name="scope">Who shares an agent: in a shared scope the claims race the shared agent and the Letta conversation.</param>
internal sealed class ConversationRace(string worker, AgentChatService chat, IAgentIdResolver agents, AgentScope scope)
{
    /// <summary>Runs the callers of one conversation and reports each on stdout.</summary>
    /// <returns>Whether every caller succeeded.</returns>
    public async Task<bool> RunAsync(RaceConversation conversation, int callers, RaceMode mode, CancellationToken cancellationToken)
    {
        var runtime = new ConversationRuntime(conversation.Id, conversation.UserId, conversation.OfficeId) { AgentScope = scope };
        if (mode == RaceMode.Turns)
        {
            var turns = await Task.WhenAll(Enumerable.Range(0, callers).Select(caller => TurnAsync(runtime, caller, cancellationToken)));
            return turns.All(ok => ok);
        }

        var claims = await Task.WhenAll(Enumerable.Range(0, callers).Select(caller => ClaimAsync(runtime, caller, cancellationToken)));
        return claims.All(ok => ok) && await TurnAsync(runtime, callers, cancellationToken);
    }

    private async Task<bool> TurnAsync(ConversationRuntime runtime, int caller, CancellationToken cancellationToken)
    {
        await Task.Yield();
        string? agentId = null;
        try
        {
            var stream = await chat.StartAsync(new AgentChatRequest(runtime, $"hi from {worker} #{caller} in {runtime.ConversationId}"), cancellationToken);
            await using (stream)
            {
                agentId = stream.AgentId;
                await foreach (var _ in stream.WithCancellation(cancellationToken))
                {
                }

                var completion = await stream.Completion;
                JsonLines.Write(new CallerResult(worker, runtime.ConversationId, caller, "turn", agentId, completion.ToString(), null));
                return completion == ReplyCompletion.Completed;
            }
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            JsonLines.Write(new CallerResult(worker, runtime.ConversationId, caller, "turn", agentId, null, $"{ex.GetType().Name}: {ex.Message}"));
            return false;
        }
    }

    private async Task<bool> ClaimAsync(ConversationRuntime runtime, int caller, CancellationToken cancellationToken)
    {
        await Task.Yield();
        try
        {
            var target = await agents.ResolveTargetAsync(runtime, cancellationToken);
            JsonLines.Write(new CallerResult(worker, runtime.ConversationId, caller, "claim", target.AgentId, null, null) { LettaConversationId = target.LettaConversationId });
            return true;
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            JsonLines.Write(new CallerResult(worker, runtime.ConversationId, caller, "claim", null, null, $"{ex.GetType().Name}: {ex.Message}"));
            return false;
        }
    }
}
