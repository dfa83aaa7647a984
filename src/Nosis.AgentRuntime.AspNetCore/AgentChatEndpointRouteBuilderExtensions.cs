using System.Reflection;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Routing;
using Nosis.AgentRuntime.AspNetCore;

namespace Microsoft.AspNetCore.Builder;

/// <summary>Maps the useChat chat endpoint and the <c>UIMessage[]</c> history endpoint of the agent runtime.</summary>
public static class AgentChatEndpointRouteBuilderExtensions
{
    private static readonly MethodInfo ChatMethod = typeof(AgentChatEndpointHandler).GetMethod(nameof(AgentChatEndpointHandler.HandleAsync))!;
    private static readonly MethodInfo HistoryMethod = typeof(AgentChatHistoryEndpointHandler).GetMethod(nameof(AgentChatHistoryEndpointHandler.HandleAsync))!;

    /// <summary>Maps <c>POST <paramref name="pattern"/></c>: useChat's body (or <c>{ "content" }</c>) in, the AI SDK UI message stream out.</summary>
    /// <param name="endpoints">The route builder.</param>
    /// <param name="pattern">The route, e.g. <c>/api/conversations/{id}/chat</c>.</param>
    /// <param name="resolve">Finds the conversation from the route values and the user; <see langword="null"/> answers 404.</param>
    /// <param name="configure">Changes the limits, if given.</param>
    /// <returns>The endpoint's builder, for authorization, CORS and more metadata.</returns>
    /// <remarks>
    /// useChat's message ids are the storage ids (a re-sent id is stored once); <c>regenerate-message</c> replaces the stored
    /// reply instead of adding one (it needs an <see cref="Nosis.AgentRuntime.Contracts.IMessageHistory"/> in DI). Refusals
    /// answer problem details with an <c>error</c> member: 400, 404, 409, 413, 415, 502, 503.
    /// </remarks>
    public static IEndpointConventionBuilder MapAgentChat(
        this IEndpointRouteBuilder endpoints, string pattern, ConversationResolver resolve, Action<AgentChatEndpointOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        ArgumentException.ThrowIfNullOrWhiteSpace(pattern);
        ArgumentNullException.ThrowIfNull(resolve);
        var handler = new AgentChatEndpointHandler(resolve, Configure(configure));
        return endpoints.MapPost(pattern, handler.HandleAsync)
            .WithName("AgentChat")
            .WithSummary("Runs one user turn and streams the reply as the AI SDK UI message stream (useChat).")
            .WithMetadata(
                ChatMethod,
                // "*/*" as well, so that routing does not answer other media types with a bare 415: the handler answers them with a body.
                new AcceptsMetadata(["application/json", "*/*"], typeof(UiChatRequestSchema)),
                new ProducesResponseTypeMetadata(StatusCodes.Status200OK, typeof(string), ["text/event-stream"]),
                Problem(StatusCodes.Status400BadRequest),
                Problem(StatusCodes.Status404NotFound),
                Problem(StatusCodes.Status409Conflict),
                Problem(StatusCodes.Status413PayloadTooLarge),
                Problem(StatusCodes.Status415UnsupportedMediaType),
                Problem(StatusCodes.Status502BadGateway),
                Problem(StatusCodes.Status503ServiceUnavailable));
    }

    /// <summary>Maps <c>GET <paramref name="pattern"/></c>: the conversation's stored messages as the <c>UIMessage[]</c> <c>useChat({ messages })</c> takes.</summary>
    /// <param name="endpoints">The route builder.</param>
    /// <param name="pattern">The route, e.g. <c>/api/conversations/{id}/ui-messages</c>.</param>
    /// <param name="resolve">Finds the conversation from the route values and the user; <see langword="null"/> answers 404.</param>
    /// <param name="configure">Changes the limits, if given.</param>
    /// <returns>The endpoint's builder.</returns>
    /// <remarks>Needs an <see cref="Nosis.AgentRuntime.Contracts.IMessageHistory"/> in DI.</remarks>
    public static IEndpointConventionBuilder MapAgentChatHistory(
        this IEndpointRouteBuilder endpoints, string pattern, ConversationResolver resolve, Action<AgentChatEndpointOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        ArgumentException.ThrowIfNullOrWhiteSpace(pattern);
        ArgumentNullException.ThrowIfNull(resolve);
        var handler = new AgentChatHistoryEndpointHandler(resolve, Configure(configure));
        return endpoints.MapGet(pattern, handler.HandleAsync)
            .WithName("AgentChatHistory")
            .WithSummary("Returns the conversation's messages as UIMessage[] with text, reasoning and tool parts.")
            .WithMetadata(
                HistoryMethod,
                new ProducesResponseTypeMetadata(StatusCodes.Status200OK, typeof(UiMessageSchema[]), ["application/json"]),
                Problem(StatusCodes.Status404NotFound),
                Problem(StatusCodes.Status503ServiceUnavailable));
    }

    private static AgentChatEndpointOptions Configure(Action<AgentChatEndpointOptions>? configure)
    {
        var options = new AgentChatEndpointOptions();
        configure?.Invoke(options);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(options.MaxRequestBodyBytes, nameof(AgentChatEndpointOptions.MaxRequestBodyBytes));
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(options.MaxUserTextLength, nameof(AgentChatEndpointOptions.MaxUserTextLength));
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(options.HistoryLimit, nameof(AgentChatEndpointOptions.HistoryLimit));
        return options;
    }

    private static ProducesResponseTypeMetadata Problem(int statusCode) =>
        new(statusCode, typeof(ProblemDetailsSchema), [AgentChatProblemHttpResult.ProblemContentType]);
}
