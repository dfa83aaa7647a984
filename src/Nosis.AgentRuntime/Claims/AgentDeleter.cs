using Microsoft.Extensions.Logging;
using Nosis.AgentRuntime.Contracts;
using Nosis.AgentRuntime.Diagnostics;
using Nosis.AgentRuntime.Letta;

namespace Nosis.AgentRuntime.Claims;

/// <summary>Deletes agents (or Letta conversations) the runtime must not keep, in the background; failures go to the error reporter, never to a caller.</summary>
internal sealed class AgentDeleter
{
    private readonly Func<string, CancellationToken, Task<string?>>? _readClaimed;
    private readonly Func<string, CancellationToken, Task<bool>> _delete;
    private readonly IBackgroundScheduler _scheduler;
    private readonly IErrorReporter _reporter;
    private readonly AgentRuntimeTelemetry _telemetry;
    private readonly ILogger _logger;
    private readonly SecretRedactor _redactor;
    private readonly string _noun;

    /// <summary>Initializes a deleter of agents a conversation's registry row may point at.</summary>
    public AgentDeleter(ILettaClient letta, IAgentIdRegistry? registry, IBackgroundScheduler scheduler, IErrorReporter reporter, AgentRuntimeTelemetry telemetry, ILogger logger, SecretRedactor redactor)
        : this(registry is null ? null : registry.ReadClaimedAgentIdAsync, letta.DeleteAgentAsync, "agent", scheduler, reporter, telemetry, logger, redactor)
    {
    }

    /// <summary>Initializes a deleter: <paramref name="readClaimed"/> reads what an owner claims (none: delete unchecked), <paramref name="delete"/> deletes one resource (false: already gone).</summary>
    public AgentDeleter(
        Func<string, CancellationToken, Task<string?>>? readClaimed, Func<string, CancellationToken, Task<bool>> delete, string noun,
        IBackgroundScheduler scheduler, IErrorReporter reporter, AgentRuntimeTelemetry telemetry, ILogger logger, SecretRedactor redactor)
    {
        _readClaimed = readClaimed;
        _delete = delete;
        _noun = noun;
        _scheduler = scheduler;
        _reporter = reporter;
        _telemetry = telemetry;
        _logger = logger;
        _redactor = redactor;
    }

    public const string Operation = "delete-orphan-agent";

    /// <summary>Schedules deletion of <paramref name="agentId"/>; never throws.</summary>
    public async Task ScheduleAsync(string conversationId, string agentId, string reason)
    {
        _logger.DeletionScheduled(conversationId, agentId, reason);
        var context = Context(conversationId);
        try
        {
            await _scheduler.ScheduleAsync(new BackgroundWork(Operation, context, token => DeleteUnlessClaimedAsync(conversationId, agentId, token)), CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is not OutOfMemoryException)
        {
            await ReportAsync(conversationId, agentId, exception).ConfigureAwait(false);
        }
    }

    /// <summary>Schedules deletion of every resource <paramref name="find"/> returns (a create whose outcome is unknown), unless claimed; never throws.</summary>
    public async Task ScheduleFoundAsync(string owner, string creation, Func<CancellationToken, Task<IReadOnlyList<string>>> find)
    {
        try
        {
            await _scheduler.ScheduleAsync(
                new BackgroundWork(Operation, Context(owner), async token =>
                {
                    foreach (var id in await find(token).ConfigureAwait(false))
                    {
                        await DeleteUnlessClaimedAsync(owner, id, token).ConfigureAwait(false);
                    }
                }),
                CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is not OutOfMemoryException)
        {
            await ReportAsync(owner, creation, exception).ConfigureAwait(false);
        }
    }

    /// <summary>Deletes the agent unless the conversation points at it: a claim that threw may still have landed.</summary>
    /// <remarks>When the registry cannot be read the agent is kept; the orphan sweeper deletes it later once it can verify.</remarks>
    public async Task DeleteUnlessClaimedAsync(string conversationId, string agentId, CancellationToken cancellationToken)
    {
        if (_readClaimed is not null)
        {
            string? claimed;
            try
            {
                claimed = await _readClaimed(conversationId, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception exception) when (exception is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                _logger.DeletionSkippedClaimed(conversationId, agentId);
                await ReportAsync(conversationId, agentId, exception).ConfigureAwait(false);
                return;
            }

            if (string.Equals(claimed, agentId, StringComparison.Ordinal))
            {
                _logger.DeletionSkippedClaimed(conversationId, agentId);
                return;
            }
        }

        await DeleteAsync(conversationId, agentId, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Deletes now; returns true when deleted, false when already gone (404), null on a failure, which is reported.</summary>
    public async Task<bool?> DeleteAsync(string conversationId, string agentId, CancellationToken cancellationToken)
    {
        try
        {
            var deleted = await _delete(agentId, cancellationToken).ConfigureAwait(false);
            if (deleted)
            {
                _telemetry.OrphansDeleted.Add(1);
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
        _logger.DeletionFailed(conversationId, agentId, exception);
        var message = _redactor.Redact($"Deleting {_noun} {agentId} failed: {exception.Message}");
        try
        {
            await _reporter.ReportAsync(new ErrorReport(Operation, message, Context(conversationId)) { ErrorType = exception.GetType().FullName }, CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception reportFailure) when (reportFailure is not OutOfMemoryException)
        {
            _logger.DeletionFailed(conversationId, agentId, reportFailure);
        }
    }
}
