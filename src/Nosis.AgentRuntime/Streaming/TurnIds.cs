using Nosis.AgentRuntime.Contracts;

namespace Nosis.AgentRuntime.Streaming;

/// <summary>Small helpers of starting a turn: fresh message ids, and adapter calls that may throw before they return their task.</summary>
internal static class TurnIds
{
    public static string NewId(string prefix) => $"{prefix}_{Guid.NewGuid():N}";

    /// <summary>The user message a turn stores, under the request's id or a new one.</summary>
    public static UserMessage UserMessageOf(AgentChatRequest request, DateTimeOffset now) =>
        new(request.UserMessageId ?? NewId("msg"), request.Conversation.ConversationId, request.Conversation.UserId, request.UserText, now)
        {
            Parts = request.UserParts,
        };

    /// <summary>Starts <paramref name="start"/>; an exception thrown before it returns its task becomes a faulted task.</summary>
    public static Task Started(Func<Task> start)
    {
        try
        {
            return start();
        }
        catch (Exception exception)
        {
            return Task.FromException(exception);
        }
    }
}
