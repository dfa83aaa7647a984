using Nosis.AgentRuntime.Letta;

namespace Nosis.AgentRuntime.Claims;

/// <content>Creating the resource: retries with backoff, and adoption of one whose create response was lost.</content>
internal sealed partial class ClaimRunner
{
    /// <summary>Creates the slot's resource, retrying transient failures; after an ambiguous failure it first looks for what the lost call made.</summary>
    public async Task<string> CreateWithRetriesAsync(IClaimSlot slot, CancellationToken abandoned)
    {
        var owner = slot.Owner;
        var creation = Guid.NewGuid().ToString("N");
        var ambiguous = false;
        for (var attempt = 0; ; attempt++)
        {
            Exception failure;
            TimeSpan? retryAfter = null;
            try
            {
                if (ambiguous && (await slot.FindCreatedAsync(creation, CancellationToken.None).ConfigureAwait(false)) is [var adopted, ..])
                {
                    logger.Adopted(owner, adopted);
                    return adopted;
                }

                logger.Creating(owner);

                // Not cancellable by callers: aborting a sent create leaves a resource nobody knows about.
                return await slot.CreateAsync(creation, CancellationToken.None).ConfigureAwait(false);
            }
            catch (LettaConflictException exception)
            {
                throw new AgentBusyException(owner, $"Letta is busy and refused to create the agent of conversation {owner}; try again.", exception);
            }
            catch (LettaApiException exception) when (exception.IsTransient)
            {
                failure = exception;
                retryAfter = exception.RetryAfter;
                ambiguous |= IsAmbiguous(exception);
            }
            catch (Exception exception) when (exception is TimeoutException or HttpRequestException or IOException)
            {
                failure = exception;
                ambiguous = true;
            }

            if (attempt >= options.MaxRetries || abandoned.IsCancellationRequested)
            {
                await GiveUpAsync(slot, creation, ambiguous).ConfigureAwait(false);
                abandoned.ThrowIfCancellationRequested();
                throw failure;
            }

            var delay = RetryDelay(attempt, retryAfter);
            logger.CreateRetrying(owner, failure.GetType().Name, attempt + 1, delay);
            try
            {
                await Task.Delay(delay, time, abandoned).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                await GiveUpAsync(slot, creation, ambiguous).ConfigureAwait(false);
                throw;
            }
        }
    }

    /// <summary>After the last failed attempt: a resource from an ambiguous call may exist; delete it in the background (the sweeper is the backstop).</summary>
    private static async Task GiveUpAsync(IClaimSlot slot, string creation, bool ambiguous)
    {
        if (ambiguous)
        {
            await slot.Deleter.ScheduleFoundAsync(slot.Owner, creation, token => slot.FindCreatedAsync(creation, token)).ConfigureAwait(false);
        }
    }
}
