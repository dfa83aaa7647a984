using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Nosis.AgentRuntime.AspNetCore;

namespace Microsoft.AspNetCore.Builder;

/// <summary>Maps the endpoints that resume and stop a conversation's active reply, which need background runs (<see cref="Nosis.AgentRuntime.AgentRuntimeOptions.BackgroundRuns"/>).</summary>
public static class AgentChatRunEndpointRouteBuilderExtensions
{
    /// <summary>Maps <c>GET <paramref name="pattern"/></c>: the conversation's active reply as the UI message stream, or 204 when there is none (what useChat's <c>resume: true</c> reconnect expects).</summary>
    /// <param name="endpoints">The route builder.</param>
    /// <param name="pattern">The route, e.g. <c>/api/conversations/{id}/chat/stream</c>.</param>
    /// <param name="resolve">Finds the conversation from the route values and the user; <see langword="null"/> answers 404.</param>
    /// <returns>The endpoint's builder.</returns>
    /// <remarks>
    /// Without a query, the reply is replayed from its start and then continues live, as one message; with
    /// <c>?starting_after=&lt;seq id&gt;</c> it continues after that Letta sequence id. useChat's default transport calls
    /// <c>{api}/{chatId}/stream</c>; point its <c>prepareReconnectToStreamRequest</c> at this route.
    /// </remarks>
    public static IEndpointConventionBuilder MapAgentChatResume(this IEndpointRouteBuilder endpoints, string pattern, ConversationResolver resolve)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        ArgumentException.ThrowIfNullOrWhiteSpace(pattern);
        ArgumentNullException.ThrowIfNull(resolve);
        return endpoints.MapGet(pattern, new AgentChatResumeEndpointHandler(resolve).HandleAsync)
            .WithName("AgentChatResume")
            .WithSummary("Resumes the conversation's active reply as the AI SDK UI message stream; 204 when there is none.")
            .WithMetadata(
                new ProducesResponseTypeMetadata(StatusCodes.Status200OK, typeof(string), ["text/event-stream"]),
                new ProducesResponseTypeMetadata(StatusCodes.Status204NoContent, typeof(void), []),
                Problem(StatusCodes.Status400BadRequest),
                Problem(StatusCodes.Status404NotFound));
    }

    /// <summary>Maps <c>POST <paramref name="pattern"/></c>: stops the conversation's active reply (its Letta run is cancelled) and answers <c>{"stopped": bool}</c>.</summary>
    /// <param name="endpoints">The route builder.</param>
    /// <param name="pattern">The route, e.g. <c>/api/conversations/{id}/chat/stop</c>.</param>
    /// <param name="resolve">Finds the conversation from the route values and the user; <see langword="null"/> answers 404.</param>
    /// <returns>The endpoint's builder.</returns>
    /// <remarks>A client that only closes its connection does not stop the reply when the host continues replies in the background; this endpoint does.</remarks>
    public static IEndpointConventionBuilder MapAgentChatStop(this IEndpointRouteBuilder endpoints, string pattern, ConversationResolver resolve)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        ArgumentException.ThrowIfNullOrWhiteSpace(pattern);
        ArgumentNullException.ThrowIfNull(resolve);
        return endpoints.MapPost(pattern, new AgentChatStopEndpointHandler(resolve).HandleAsync)
            .WithName("AgentChatStop")
            .WithSummary("Stops the conversation's active reply by cancelling its Letta run.")
            .WithMetadata(
                new ProducesResponseTypeMetadata(StatusCodes.Status200OK, typeof(string), ["application/json"]),
                Problem(StatusCodes.Status404NotFound));
    }

    private static ProducesResponseTypeMetadata Problem(int statusCode) =>
        new(statusCode, typeof(ProblemDetailsSchema), [AgentChatProblemHttpResult.ProblemContentType]);
}
