using Microsoft.AspNetCore.Http.Features;
using Nosis.AgentRuntime.Execution;
using Nosis.AgentRuntime.Letta;
using Nosis.AgentRuntime.Samples.WorkerHost.Api;
using Nosis.AgentRuntime.Samples.WorkerHost.Auth;
using Nosis.AgentRuntime.Samples.WorkerHost.Infrastructure;
using Nosis.AgentRuntime.Streaming;

namespace Nosis.AgentRuntime.Samples.WorkerHost.Endpoints;

/// <summary>POST /api/conversations/{id}/chat: one user turn, answered as the AI SDK UI message stream.</summary>
internal static partial class ChatEndpoints
{
    public static void MapChatEndpoints(this RouteGroupBuilder api) => api.MapPost("/conversations/{id}/chat", ChatAsync);

    private static async Task<IResult> ChatAsync(
        string id, HttpContext context, OfficeAccess access, AgentChatService chat, ILoggerFactory loggerFactory)
    {
        var ct = context.RequestAborted;
        var conversation = await access.FindConversationAsync(id, context.User.UserId(), ct);
        if (conversation is null)
        {
            return ApiError.NotFound("Conversation");
        }

        var (request, error) = await JsonBody.ReadAsync<ChatRequest>(context);
        if (error is not null)
        {
            return error;
        }

        if (!ChatText.TryRead(request!, out var text, out error))
        {
            return error!;
        }

        // Start before any header is written, so a refusal can still be answered with its own status.
        var logger = loggerFactory.CreateLogger(typeof(ChatEndpoints));
        AgentChatStream stream;
        try
        {
            stream = await chat.StartAsync(new AgentChatRequest(conversation.ToRuntime(), text), ct);
        }
        catch (AgentBusyException exception)
        {
            return ApiError.Status(StatusCodes.Status409Conflict, exception.Message);
        }
        catch (UnsupportedExecutionTargetException exception)
        {
            return ApiError.BadRequest($"The conversation's execution_target is not served here: {exception.Message}");
        }
        catch (LettaApiException exception)
        {
            LogLettaRefused(logger, id, (int)exception.StatusCode, exception.Operation);
            return ApiError.Status(StatusCodes.Status502BadGateway, $"The Letta server refused the turn ({(int)exception.StatusCode} on {exception.Operation}).");
        }
        catch (HttpRequestException)
        {
            LogLettaUnreachable(logger, id);
            return ApiError.Status(StatusCodes.Status502BadGateway, "The Letta server could not be reached.");
        }

        await using (stream)
        {
            var response = context.Response;
            response.StatusCode = StatusCodes.Status200OK;
            foreach (var (name, value) in UiMessageStream.GetResponseHeaders(context.Request.Protocol))
            {
                response.Headers[name] = value;
            }

            context.Features.Get<IHttpResponseBodyFeature>()?.DisableBuffering();
            try
            {
                await UiMessageStream.WriteAsync(stream, response.BodyWriter, ct);
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested)
            {
                // The client went away; the runtime saves the partial reply.
            }
#pragma warning disable CA1031 // The stream has already ended with an error chunk; the response must still complete cleanly.
            catch (Exception exception)
#pragma warning restore CA1031
            {
                LogStreamFailed(logger, id, exception.GetType().Name);
            }
        }

        return Results.Empty;
    }

    [LoggerMessage(1, LogLevel.Warning, "Letta refused the turn of conversation {ConversationId}: {StatusCode} on {Operation}.")]
    private static partial void LogLettaRefused(ILogger logger, string conversationId, int statusCode, string operation);

    [LoggerMessage(2, LogLevel.Warning, "Letta could not be reached for the turn of conversation {ConversationId}.")]
    private static partial void LogLettaUnreachable(ILogger logger, string conversationId);

    [LoggerMessage(3, LogLevel.Warning, "The reply stream of conversation {ConversationId} failed ({ErrorType}); it ended with an error chunk.")]
    private static partial void LogStreamFailed(ILogger logger, string conversationId, string errorType);
}
