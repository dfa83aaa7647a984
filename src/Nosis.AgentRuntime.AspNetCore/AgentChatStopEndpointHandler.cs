using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Nosis.AgentRuntime.Streaming;

namespace Nosis.AgentRuntime.AspNetCore;

/// <summary>The stop endpoint: cancels the conversation's active reply at Letta, from whichever instance runs it, and answers whether one was stopped.</summary>
internal sealed class AgentChatStopEndpointHandler(ConversationResolver resolve)
{
    public Task HandleAsync(HttpContext httpContext) => AgentChatEndpointHandler.ExecuteAsync(httpContext, StopAsync);

    private async Task<IResult> StopAsync(HttpContext httpContext, CancellationToken aborted)
    {
        var conversation = await resolve(httpContext, aborted).ConfigureAwait(false);
        return conversation is null
            ? AgentChatResults.Problem(StatusCodes.Status404NotFound, "Conversation not found.")
            : Answer(await httpContext.RequestServices.GetRequiredService<AgentChatService>().StopAsync(conversation, aborted).ConfigureAwait(false));
    }

    /// <summary>The answer: <c>{"stopped":true}</c> when a reply was running and its run was cancelled.</summary>
    private static IResult Answer(bool stopped) => Results.Text(stopped ? "{\"stopped\":true}" : "{\"stopped\":false}", "application/json");
}
