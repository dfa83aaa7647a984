using System.Net;
using System.Text;
using Nosis.AgentRuntime.Contracts;
using Nosis.AgentRuntime.Letta;

namespace Nosis.AgentRuntime.Claims;

/// <content>Creating the agent: retries with backoff, and adoption of an agent whose create response was lost.</content>
public sealed partial class AgentClaimService
{
    private const int MaxNameLength = 64;

    private async Task<string> CreateWithRetriesAsync(ConversationRuntime conversation, CancellationToken abandoned)
    {
        var conversationId = conversation.ConversationId;
        var creationTag = AgentTags.CreationPrefix + Guid.NewGuid().ToString("N");
        var request = BuildRequest(conversation, creationTag);
        var ambiguous = false;
        for (var attempt = 0; ; attempt++)
        {
            Exception failure;
            TimeSpan? retryAfter = null;
            try
            {
                if (ambiguous && await FindCreatedAsync(creationTag).ConfigureAwait(false) is { } adopted)
                {
                    _logger.Adopted(conversationId, adopted);
                    return adopted;
                }

                _logger.Creating(conversationId);

                // Not cancellable by callers: aborting a sent create leaves an agent nobody knows about.
                var agent = await _letta.CreateAgentAsync(request, CancellationToken.None).ConfigureAwait(false);
                _telemetry.AgentsCreated.Add(1);
                return agent.Id;
            }
            catch (LettaConflictException exception)
            {
                throw new AgentBusyException(conversationId, $"Letta is busy and refused to create the agent of conversation {conversationId}; try again.", exception);
            }
            catch (LettaApiException exception) when (exception.IsTransient)
            {
                failure = exception;
                retryAfter = exception.RetryAfter;
                ambiguous |= exception.StatusCode != HttpStatusCode.TooManyRequests;
            }
            catch (Exception exception) when (exception is TimeoutException or HttpRequestException or IOException)
            {
                failure = exception;
                ambiguous = true;
            }

            if (attempt >= _lettaOptions.MaxRetries || abandoned.IsCancellationRequested)
            {
                await GiveUpAsync(conversationId, creationTag, ambiguous).ConfigureAwait(false);
                abandoned.ThrowIfCancellationRequested();
                throw failure;
            }

            var delay = RetryDelay(attempt, retryAfter);
            _logger.CreateRetrying(conversationId, failure.GetType().Name, attempt + 1, delay);
            try
            {
                await Task.Delay(delay, _timeProvider, abandoned).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                await GiveUpAsync(conversationId, creationTag, ambiguous).ConfigureAwait(false);
                throw;
            }
        }
    }

    /// <summary>After the last failed attempt: an agent from an ambiguous call may exist; delete it in the background (the sweeper is the backstop).</summary>
    private async Task GiveUpAsync(string conversationId, string creationTag, bool ambiguous)
    {
        if (ambiguous)
        {
            await _deleter.ScheduleByCreationTagAsync(conversationId, creationTag).ConfigureAwait(false);
        }
    }

    private async Task<string?> FindCreatedAsync(string creationTag)
    {
        var agents = await _letta.ListAgentsAsync(new LettaAgentListQuery { Tags = [creationTag], Limit = 10, OldestFirst = true }, CancellationToken.None).ConfigureAwait(false);
        return agents.Count > 0 ? agents[0].Id : null;
    }

    private TimeSpan RetryDelay(int attempt, TimeSpan? retryAfter)
    {
        var cap = _lettaOptions.MaxRetryDelay;
        if (retryAfter is { } asked)
        {
            return asked < cap ? asked : cap;
        }

        var exponential = _lettaOptions.RetryBaseDelay.TotalMilliseconds * Math.Pow(2, attempt);
        var jittered = exponential * (0.75 + (Random.Shared.NextDouble() * 0.25));
        return TimeSpan.FromMilliseconds(Math.Min(jittered, cap.TotalMilliseconds));
    }

    private LettaCreateAgentRequest BuildRequest(ConversationRuntime conversation, string creationTag) => new()
    {
        Name = NameFor(conversation.ConversationId),
        Model = _runtimeOptions.AgentModel,
        Embedding = _runtimeOptions.AgentEmbedding,
        Tags = [AgentTags.Runtime, AgentTags.ForConversation(conversation.ConversationId), creationTag],
        Metadata = new Dictionary<string, string>
        {
            ["nosis_conversation_id"] = conversation.ConversationId,
            ["nosis_office_id"] = conversation.OfficeId,
            ["nosis_creation"] = creationTag[AgentTags.CreationPrefix.Length..],
        },
    };

    /// <summary>A Letta agent name for the conversation: letters, digits, space, <c>-</c> and <c>_</c> only.</summary>
    internal static string NameFor(string conversationId)
    {
        var name = new StringBuilder("nosis-", MaxNameLength);
        foreach (var c in conversationId)
        {
            if (name.Length >= MaxNameLength)
            {
                break;
            }

            name.Append(char.IsAsciiLetterOrDigit(c) || c is '-' or '_' ? c : '-');
        }

        return name.ToString();
    }
}
