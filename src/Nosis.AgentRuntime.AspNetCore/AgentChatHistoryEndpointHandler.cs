using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Nosis.AgentRuntime.Contracts;

namespace Nosis.AgentRuntime.AspNetCore;

/// <summary>The history endpoint: resolve the conversation and answer its stored messages as <c>UIMessage[]</c>.</summary>
internal sealed class AgentChatHistoryEndpointHandler(ConversationResolver resolve, AgentChatEndpointOptions options)
{
    public Task HandleAsync(HttpContext httpContext) => AgentChatEndpointHandler.ExecuteAsync(httpContext, ReadAsync);

    private async Task<IResult> ReadAsync(HttpContext httpContext, CancellationToken aborted)
    {
        var conversation = await resolve(httpContext, aborted).ConfigureAwait(false);
        if (conversation is null)
        {
            return AgentChatResults.Problem(StatusCodes.Status404NotFound, "Conversation not found.");
        }

        var history = httpContext.RequestServices.GetRequiredService<IMessageHistory>();
        return AgentChatResults.UiMessages(await history.ReadMessagesAsync(conversation.ConversationId, options.HistoryLimit, aborted).ConfigureAwait(false));
    }
}
