using Microsoft.AspNetCore.Http;
using Nosis.AgentRuntime.Contracts;
using Nosis.AgentRuntime.Streaming;

namespace Nosis.AgentRuntime.AspNetCore;

/// <summary><see cref="IResult"/> helpers for hosts that write their own chat endpoints.</summary>
public static class AgentChatResults
{
    /// <summary>Answers with a started turn as the UI message stream; the result disposes the turn.</summary>
    /// <param name="stream">The started turn.</param>
    /// <returns>The result.</returns>
    public static UiMessageStreamHttpResult UiMessageStream(AgentChatStream stream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        return new UiMessageStreamHttpResult(stream);
    }

    /// <summary>Answers with the rest of an active reply as the UI message stream: the same message, continued.</summary>
    /// <param name="reply">The resumed reply.</param>
    /// <returns>The result.</returns>
    public static UiMessageStreamHttpResult UiMessageStream(ResumedReply reply)
    {
        ArgumentNullException.ThrowIfNull(reply);
        return new UiMessageStreamHttpResult(reply);
    }

    /// <summary>Answers an error as problem details with an <c>error</c> member useChat shows.</summary>
    /// <param name="statusCode">The HTTP status.</param>
    /// <param name="message">The message to show.</param>
    /// <returns>The result.</returns>
    public static AgentChatProblemHttpResult Problem(int statusCode, string message)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(message);
        return new AgentChatProblemHttpResult(statusCode, message);
    }

    /// <summary>Maps a failure of reading the request or starting a turn to its answer: 400 bad request or unsupported target, 409 busy, 413, 415, 502 Letta refused or unreachable, 503 store unavailable.</summary>
    /// <param name="exception">The failure.</param>
    /// <returns>The answer, or <see langword="null"/> when the failure is not one a client caused or can wait out.</returns>
    public static AgentChatProblemHttpResult? ProblemFor(Exception exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        return AgentChatErrors.TryMap(exception);
    }

    /// <summary>Answers with a conversation's history as the <c>UIMessage[]</c> that <c>useChat({ messages })</c> takes.</summary>
    /// <param name="messages">The stored messages, oldest first.</param>
    /// <returns>The result.</returns>
    public static UiMessageHistoryHttpResult UiMessages(IReadOnlyList<ConversationMessage> messages)
    {
        ArgumentNullException.ThrowIfNull(messages);
        return new UiMessageHistoryHttpResult(messages);
    }
}
