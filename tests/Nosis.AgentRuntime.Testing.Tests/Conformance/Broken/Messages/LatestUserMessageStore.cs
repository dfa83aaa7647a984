using Nosis.AgentRuntime.Contracts;

namespace Nosis.AgentRuntime.Testing.Tests.Conformance.Broken.Messages;

/// <summary>Calls a conversation's latest user message its unanswered turn even when a reply was saved after it, and lists every user message before the cutoff: recovery would answer turns twice.</summary>
public sealed class LatestUserMessageStore : BrokenMessageStore, IUnansweredTurnStore
{
    public Task<UserMessage?> FindUnansweredTurnAsync(string conversationId, CancellationToken cancellationToken = default) =>
        Task.FromResult(GetMessages(conversationId).LastOrDefault(m => m.User is not null)?.User);

    public Task<IReadOnlyList<UserMessage>> ListUnansweredTurnsAsync(DateTimeOffset savedBefore, int limit, CancellationToken cancellationToken = default) =>
        Task.FromResult<IReadOnlyList<UserMessage>>([.. Conversations.SelectMany(GetMessages).Select(m => m.User).OfType<UserMessage>().Where(m => m.CreatedAt < savedBefore).OrderBy(m => m.CreatedAt).Take(limit)]);

    private HashSet<string> Conversations { get; } = [];

    protected override UserMessage OnSave(UserMessage message)
    {
        lock (Conversations)
        {
            Conversations.Add(message.ConversationId);
        }

        return message;
    }
}
