using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Nosis.AgentRuntime.Contracts;

namespace Nosis.AgentRuntime.AspNetCore;

/// <summary>The history endpoint: resolve the conversation and answer its stored messages as <c>UIMessage[]</c>.</summary>
internal sealed class AgentChatHistoryEndpointHandler(ConversationResolver resolve, AgentChatEndpointOptions options)
{
    public async Task HandleAsync(HttpContext httpContext)
    {
        var aborted = httpContext.RequestAborted;
        IResult result;
        try
        {
            var conversation = await resolve(httpContext, aborted).ConfigureAwait(false);
            if (conversation is null)
            {
                result = AgentChatResults.Problem(StatusCodes.Status404NotFound, "Conversation not found.");
            }
            else
            {
                var history = httpContext.RequestServices.GetRequiredService<IMessageHistory>();
                result = AgentChatResults.UiMessages(
                    await history.ReadMessagesAsync(conversation.ConversationId, options.HistoryLimit, aborted).ConfigureAwait(false));
            }
        }
        catch (Exception exception) when (AgentChatErrors.TryMap(exception) is { } problem && !httpContext.Response.HasStarted)
        {
            AgentChatEndpointHandler.Logger(httpContext)?.ChatRefused(problem.StatusCode, problem.Message);
            result = problem;
        }

        await result.ExecuteAsync(httpContext).ConfigureAwait(false);
    }
}
