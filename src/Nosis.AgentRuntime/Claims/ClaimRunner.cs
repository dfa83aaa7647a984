using System.Collections.Concurrent;
using System.Net;
using Microsoft.Extensions.Logging;
using Nosis.AgentRuntime.Diagnostics;
using Nosis.AgentRuntime.Letta;

namespace Nosis.AgentRuntime.Claims;

/// <summary>Gets or creates the resource of a claimed row: single-flight in process, compare-and-set across processes, retried and idempotent creation.</summary>
/// <remarks>
/// A caller that cancels leaves the shared creation running for the others; when every caller has gone, a created resource
/// that was not claimed is deleted. A losing resource is deleted in the background. Thread-safe.
/// </remarks>
internal sealed partial class ClaimRunner(LettaOptions options, AgentRuntimeTelemetry telemetry, TimeProvider time, ILogger logger)
{
    private readonly ConcurrentDictionary<string, SharedClaim> _inFlight = new(StringComparer.Ordinal);

    /// <summary>Returns the claimed id, creating and claiming a resource when there is none; concurrent callers for one owner share one creation.</summary>
    public async Task<string> ClaimAsync(IClaimSlot slot, CancellationToken cancellationToken)
    {
        var claim = Join(slot);
        try
        {
            return await claim.Task.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            claim.Leave();
        }
    }

    /// <summary>Replaces a resource Letta lost: a new one, stored by a compare-and-set from the lost id; concurrent callers converge on one.</summary>
    public async Task<string> ReplaceAsync(IClaimSlot slot, string lostId, CancellationToken cancellationToken)
    {
        var owner = slot.Owner;
        var current = await slot.ReadClaimedAsync(cancellationToken).ConfigureAwait(false);
        if (!string.IsNullOrEmpty(current) && !string.Equals(current, lostId, StringComparison.Ordinal))
        {
            return current; // another caller replaced it already
        }

        var id = await CreateWithRetriesAsync(slot, cancellationToken).ConfigureAwait(false);
        return await SettleAsync(slot, id, lostId, "replacing the lost resource failed", "another caller replaced the lost resource first").ConfigureAwait(false)
            ?? throw new AgentClaimException(owner, $"The lost resource of {owner} could not be replaced: the registry kept no other (does the conversation exist?).");
    }

    private SharedClaim Join(IClaimSlot slot)
    {
        while (true)
        {
            var claim = _inFlight.GetOrAdd(slot.Owner, _ => new SharedClaim());
            if (claim.TryEnter(() => RunAsync(slot, claim)))
            {
                return claim;
            }

            // Every earlier caller gave up on that creation: start a fresh one.
            _inFlight.TryRemove(new KeyValuePair<string, SharedClaim>(slot.Owner, claim));
        }
    }

    private async Task<string> RunAsync(IClaimSlot slot, SharedClaim claim)
    {
        try
        {
            return await CreateAndClaimAsync(slot, claim.Token).ConfigureAwait(false);
        }
        finally
        {
            _inFlight.TryRemove(new KeyValuePair<string, SharedClaim>(slot.Owner, claim));
        }
    }

    private async Task<string> CreateAndClaimAsync(IClaimSlot slot, CancellationToken abandoned)
    {
        var owner = slot.Owner;
        using var activity = AgentRuntimeTelemetry.ActivitySource.StartActivity("nosis.agent_runtime.claim");
        activity?.SetTag("nosis.conversation.id", owner);

        // A cached read may be stale, and a caller that read it just before an earlier creation claimed the row starts a fresh
        // creation here: read the source of truth before creating a second resource.
        var claimed = await slot.ReadClaimedAsync(abandoned).ConfigureAwait(false);
        if (!string.IsNullOrEmpty(claimed))
        {
            return claimed;
        }

        var id = await CreateWithRetriesAsync(slot, abandoned).ConfigureAwait(false);
        activity?.SetTag("nosis.agent.id", id);
        if (abandoned.IsCancellationRequested)
        {
            await slot.Deleter.ScheduleAsync(owner, id, "every caller cancelled before the claim").ConfigureAwait(false);
            abandoned.ThrowIfCancellationRequested();
        }

        return await SettleAsync(slot, id, expected: null, "the claim failed", "another creator claimed the conversation first").ConfigureAwait(false)
            ?? throw new AgentClaimException(owner, $"The agent claim for conversation {owner} was lost, but the registry holds no agent id for it (does the conversation exist?).");
    }

    /// <summary>Stores <paramref name="id"/> (a claim, or a replacement of <paramref name="expected"/>); on a loss deletes it and returns the winner, or null when there is none.</summary>
    private async Task<string?> SettleAsync(IClaimSlot slot, string id, string? expected, string failedReason, string lostReason)
    {
        var owner = slot.Owner;
        bool won;
        try
        {
            // Not cancellable: an interrupted claim would leave unknown whether the resource is in use.
            won = expected is null
                ? await slot.TryClaimAsync(id, CancellationToken.None).ConfigureAwait(false)
                : await slot.TryReplaceAsync(expected, id, CancellationToken.None).ConfigureAwait(false);
        }
        catch
        {
            await slot.Deleter.ScheduleAsync(owner, id, failedReason).ConfigureAwait(false);
            throw;
        }

        if (won)
        {
            logger.ClaimWon(owner, id);
            return id;
        }

        telemetry.ClaimsLost.Add(1);
        await slot.Deleter.ScheduleAsync(owner, id, lostReason).ConfigureAwait(false);
        var winner = await slot.ReadClaimedAsync(CancellationToken.None).ConfigureAwait(false);
        if (string.IsNullOrEmpty(winner) || string.Equals(winner, expected, StringComparison.Ordinal))
        {
            return null;
        }

        logger.ClaimLost(owner, id, winner);
        return winner;
    }

    private TimeSpan RetryDelay(int attempt, TimeSpan? retryAfter)
    {
        var cap = options.MaxRetryDelay;
        if (retryAfter is { } asked)
        {
            return asked < cap ? asked : cap;
        }

        var exponential = options.RetryBaseDelay.TotalMilliseconds * Math.Pow(2, attempt);
        var jittered = exponential * (0.75 + (Random.Shared.NextDouble() * 0.25));
        return TimeSpan.FromMilliseconds(Math.Min(jittered, cap.TotalMilliseconds));
    }

    private static bool IsAmbiguous(LettaApiException exception) => exception.StatusCode != HttpStatusCode.TooManyRequests;
}
