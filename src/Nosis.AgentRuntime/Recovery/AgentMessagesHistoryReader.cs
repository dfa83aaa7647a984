using Nosis.AgentRuntime.Letta;

namespace Nosis.AgentRuntime.Recovery;

/// <summary>Finds a turn in the agent's history (<c>GET /v1/agents/{agent_id}/messages</c>), newest page first.</summary>
/// <remarks>
/// Pages go backwards (<c>order=desc</c>, <c>before</c> = the oldest id of the previous page) and stop at the user message
/// whose <c>otid</c> is the turn's id, or after <see cref="MaxPages"/> pages. Messages newer than another user message belong
/// to a later turn and are dropped.
/// </remarks>
internal sealed class AgentMessagesHistoryReader(ILettaClient letta) : ITurnHistoryReader
{
    private const int PageSize = 50;
    private const int MaxPages = 4;

    public async Task<LettaTurnHistory> ReadTurnAsync(string agentId, string userMessageId, CancellationToken cancellationToken)
    {
        var newerFirst = new List<LettaStreamItem>();
        string? before = null;
        for (var page = 0; page < MaxPages; page++)
        {
            var items = await letta.ListMessagesAsync(agentId, new LettaMessageListQuery { Before = before, Limit = PageSize }, cancellationToken).ConfigureAwait(false);
            foreach (var item in items)
            {
                if (item is LettaUserMessage user)
                {
                    if (string.Equals(user.Otid, userMessageId, StringComparison.Ordinal))
                    {
                        newerFirst.Reverse();
                        return new LettaTurnHistory(true, newerFirst);
                    }

                    newerFirst.Clear();
                    continue;
                }

                newerFirst.Add(item);
            }

            if (items.Count == 0 || items[^1].Id is not { } oldest)
            {
                break;
            }

            before = oldest;
        }

        return LettaTurnHistory.NotFound;
    }
}
