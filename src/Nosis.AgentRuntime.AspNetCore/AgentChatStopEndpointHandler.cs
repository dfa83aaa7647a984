using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Nosis.AgentRuntime.Streaming;

namespace Nosis.AgentRuntime.AspNetCore;

/// <summary>The stop endpoint: cancels the conversation's active reply at Letta, from whichever instance runs it, and answers whether one was stopped.</summary>
internal sealed class AgentChatStopEndpointHandler(ConversationResolver resolve)
{
    public async Task HandleAsync(HttpContext httpContext)
    {
        var aborted = httpContext.RequestAborted;
        IResult result;
        try
        {
            var conversation = await resolve(httpContext, aborted).ConfigureAwait(false);
            result = conversation is null
                ? AgentChatResults.Problem(StatusCodes.Status404NotFound, "Conversation not found.")
                : Answer(await httpContext.RequestServices.GetRequiredService<AgentChatService>().StopAsync(conversation, aborted).ConfigureAwait(false));
        }
        catch (Exception exception) when (AgentChatErrors.TryMap(exception) is { } problem && !httpContext.Response.HasStarted)
        {
            AgentChatEndpointHandler.Logger(httpContext)?.ChatRefused(problem.StatusCode, problem.Message);
            result = problem;
        }

        await result.ExecuteAsync(httpContext).ConfigureAwait(false);
    }

    /// <summary>The answer: <c>{"stopped":true}</c> when a reply was running and its run was cancelled.</summary>
    private static IResult Answer(bool stopped) => Results.Text(stopped ? "{\"stopped\":true}" : "{\"stopped\":false}", "application/json");
}
