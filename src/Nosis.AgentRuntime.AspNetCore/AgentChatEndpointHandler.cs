using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Nosis.AgentRuntime.Contracts;
using Nosis.AgentRuntime.Streaming;

namespace Nosis.AgentRuntime.AspNetCore;

/// <summary>The chat endpoint: resolve the conversation, read the useChat body, replace a regenerated reply, start the turn, stream it.</summary>
internal sealed class AgentChatEndpointHandler(ConversationResolver resolve, AgentChatEndpointOptions options)
{
    public Task HandleAsync(HttpContext httpContext) => ExecuteAsync(httpContext, StartAsync);

    /// <summary>Runs one of the runtime's endpoints: the result it produces, or the problem details a known failure maps to (before the response started).</summary>
    internal static async Task ExecuteAsync(HttpContext httpContext, Func<HttpContext, CancellationToken, Task<IResult>> produce)
    {
        IResult result;
        try
        {
            result = await produce(httpContext, httpContext.RequestAborted).ConfigureAwait(false);
        }
        catch (Exception exception) when (AgentChatErrors.TryMap(exception) is { } problem && !httpContext.Response.HasStarted)
        {
            Logger(httpContext)?.ChatRefused(problem.StatusCode, problem.Message);
            result = problem;
        }

        await result.ExecuteAsync(httpContext).ConfigureAwait(false);
    }

    internal static ILogger? Logger(HttpContext httpContext) =>
        httpContext.RequestServices.GetService<ILoggerFactory>()?.CreateLogger("Nosis.AgentRuntime.AspNetCore.AgentChatEndpoint");

    private async Task<IResult> StartAsync(HttpContext httpContext, CancellationToken aborted)
    {
        var conversation = await resolve(httpContext, aborted).ConfigureAwait(false);
        if (conversation is null)
        {
            return AgentChatResults.Problem(StatusCodes.Status404NotFound, "Conversation not found.");
        }

        var body = await UiChatRequests.ReadAsync(httpContext.Request, options, aborted).ConfigureAwait(false);
        var services = httpContext.RequestServices;
        var userMessage = body.LastUserMessage;
        string? assistantId = null;
        if (body.IsRegenerate)
        {
            var history = services.GetService<IMessageHistory>()
                ?? throw new AgentChatRequestException(StatusCodes.Status400BadRequest, "Regenerating a reply needs a message store that keeps history; this host has none.");
            assistantId = await RemoveRepliesAfterAsync(history, conversation.ConversationId, userMessage.Id, aborted).ConfigureAwait(false);
            if (assistantId is not null)
            {
                Logger(httpContext)?.RepliesRemoved(1, conversation.ConversationId);
            }
        }

        var request = new AgentChatRequest(conversation, body.UserText)
        {
            UserMessageId = userMessage.Id,
            UserParts = UiChatParts.ToMessageParts(userMessage),
            AssistantMessageId = assistantId,
        };
        var stream = await services.GetRequiredService<AgentChatService>().StartAsync(request, aborted).ConfigureAwait(false);
        return AgentChatResults.UiMessageStream(stream);
    }

    /// <summary>Removes the stored replies after the user message being answered again; returns the id to store the new reply under.</summary>
    private async Task<string?> RemoveRepliesAfterAsync(
        IMessageHistory history, string conversationId, string? userMessageId, CancellationToken cancellationToken)
    {
        var stored = await history.ReadMessagesAsync(conversationId, options.HistoryLimit, cancellationToken).ConfigureAwait(false);
        var from = userMessageId is null ? -1 : FindIndex(stored, userMessageId);
        if (from < 0)
        {
            // The user message was never stored under the client's id: only the reply that ends the history is replaced.
            from = stored.Count >= 2 && stored[^1].Assistant is not null ? stored.Count - 2 : stored.Count - 1;
        }

        string? replaced = null;
        for (var i = from + 1; i < stored.Count; i++)
        {
            if (stored[i].Assistant is { } reply
                && await history.DeleteAssistantMessageAsync(conversationId, reply.MessageId, cancellationToken).ConfigureAwait(false))
            {
                replaced ??= reply.MessageId;
            }
        }

        // The new reply takes the id of the one it replaces (useChat's messageId), so the transcript keeps its ids.
        return replaced;
    }

    private static int FindIndex(IReadOnlyList<ConversationMessage> messages, string id)
    {
        for (var i = messages.Count - 1; i >= 0; i--)
        {
            if (string.Equals(messages[i].MessageId, id, StringComparison.Ordinal))
            {
                return i;
            }
        }

        return -1;
    }
}
