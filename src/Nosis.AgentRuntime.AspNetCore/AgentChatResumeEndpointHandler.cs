using System.Globalization;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Nosis.AgentRuntime.Streaming;

namespace Nosis.AgentRuntime.AspNetCore;

/// <summary>The resume endpoint useChat's <c>resume: true</c> calls: the conversation's active reply as the UI message stream, or 204 when there is none.</summary>
internal sealed class AgentChatResumeEndpointHandler(ConversationResolver resolve)
{
    /// <summary>The query parameter that names the last Letta sequence id the caller has; without it the reply is replayed from its start.</summary>
    public const string PositionParameter = "starting_after";

    public Task HandleAsync(HttpContext httpContext) => AgentChatEndpointHandler.ExecuteAsync(httpContext, ResumeAsync);

    private async Task<IResult> ResumeAsync(HttpContext httpContext, CancellationToken aborted)
    {
        long? position = null;
        if (httpContext.Request.Query.TryGetValue(PositionParameter, out var values))
        {
            if (values.Count != 1 || !long.TryParse(values[0], NumberStyles.None, CultureInfo.InvariantCulture, out var seqId))
            {
                return AgentChatResults.Problem(StatusCodes.Status400BadRequest, $"'{PositionParameter}' must be one whole number of zero or more (a Letta sequence id).");
            }

            position = seqId;
        }

        var conversation = await resolve(httpContext, aborted).ConfigureAwait(false);
        if (conversation is null)
        {
            return AgentChatResults.Problem(StatusCodes.Status404NotFound, "Conversation not found.");
        }

        var reply = await httpContext.RequestServices.GetRequiredService<AgentChatService>().ResumeAsync(conversation, position, aborted).ConfigureAwait(false);
        return reply is null ? Results.NoContent() : AgentChatResults.UiMessageStream(reply);
    }
}
