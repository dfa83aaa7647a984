using Microsoft.Extensions.Logging;
using Nosis.AgentRuntime.Contracts;
using Nosis.AgentRuntime.Diagnostics;
using Nosis.AgentRuntime.Letta;

namespace Nosis.AgentRuntime.Claims;

/// <summary>Deletes agents the runtime must not keep, in the background; failures go to the error reporter, never to a caller.</summary>
internal sealed class AgentDeleter(ILettaClient letta, IAgentIdRegistry? registry, IBackgroundScheduler scheduler, IErrorReporter reporter, AgentRuntimeTelemetry telemetry, ILogger logger, SecretRedactor redactor)
{
    public const string Operation = "delete-orphan-agent";

    /// <summary>Schedules deletion of <paramref name="agentId"/>; never throws.</summary>
    public async Task ScheduleAsync(string conversationId, string agentId, string reason)
    {
        logger.DeletionScheduled(conversationId, agentId, reason);
        var context = Context(conversationId);
        try
        {
            await scheduler.ScheduleAsync(new BackgroundWork(Operation, context, token => DeleteUnlessClaimedAsync(conversationId, agentId, token)), CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is not OutOfMemoryException)
        {
            await ReportAsync(conversationId, agentId, exception).ConfigureAwait(false);
        }
    }

    /// <summary>Schedules deletion of every agent carrying <paramref name="creationTag"/> (a create whose outcome is unknown); never throws.</summary>
    public async Task ScheduleByCreationTagAsync(string conversationId, string creationTag)
    {
        try
        {
            await scheduler.ScheduleAsync(
                new BackgroundWork(Operation, Context(conversationId), async token =>
                {
                    var agents = await letta.ListAgentsAsync(new LettaAgentListQuery { Tags = [creationTag], Limit = 10 }, token).ConfigureAwait(false);
                    foreach (var agent in agents)
                    {
                        await DeleteUnlessClaimedAsync(conversationId, agent.Id, token).ConfigureAwait(false);
                    }
                }),
                CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is not OutOfMemoryException)
        {
            await ReportAsync(conversationId, creationTag, exception).ConfigureAwait(false);
        }
    }

    /// <summary>Deletes now; returns whether the agent is gone (deleted, or 404), reporting any failure.</summary>
    /// <summary>Deletes the agent unless the conversation points at it: a claim that threw may still have landed.</summary>
    /// <remarks>When the registry cannot be read the agent is kept; the orphan sweeper deletes it later once it can verify.</remarks>
    public async Task DeleteUnlessClaimedAsync(string conversationId, string agentId, CancellationToken cancellationToken)
    {
        if (registry is not null)
        {
            string? claimed;
            try
            {
                claimed = await registry.ReadClaimedAgentIdAsync(conversationId, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception exception) when (exception is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                logger.DeletionSkippedClaimed(conversationId, agentId);
                await ReportAsync(conversationId, agentId, exception).ConfigureAwait(false);
                return;
            }

            if (string.Equals(claimed, agentId, StringComparison.Ordinal))
            {
                logger.DeletionSkippedClaimed(conversationId, agentId);
                return;
            }
        }

        await DeleteAsync(conversationId, agentId, cancellationToken).ConfigureAwait(false);
    }

    public async Task<bool?> DeleteAsync(string conversationId, string agentId, CancellationToken cancellationToken)
    {
        try
        {
            var deleted = await letta.DeleteAgentAsync(agentId, cancellationToken).ConfigureAwait(false);
            if (deleted)
            {
                telemetry.OrphansDeleted.Add(1);
            }

            return deleted;
        }
        catch (Exception exception) when (exception is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            await ReportAsync(conversationId, agentId, exception).ConfigureAwait(false);
            return null;
        }
    }

    public static string Context(string conversationId) => $"conversation={conversationId}";

    private async Task ReportAsync(string conversationId, string agentId, Exception exception)
    {
        logger.DeletionFailed(conversationId, agentId, exception);
        var message = redactor.Redact($"Deleting agent {agentId} failed: {exception.Message}");
        try
        {
            await reporter.ReportAsync(new ErrorReport(Operation, message, Context(conversationId)) { ErrorType = exception.GetType().FullName }, CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception reportFailure) when (reportFailure is not OutOfMemoryException)
        {
            logger.DeletionFailed(conversationId, agentId, reportFailure);
        }
    }
}
