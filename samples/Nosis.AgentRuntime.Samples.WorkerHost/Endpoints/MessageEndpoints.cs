using Nosis.AgentRuntime.Data;
using Nosis.AgentRuntime.Samples.WorkerHost.Api;
using Nosis.AgentRuntime.Samples.WorkerHost.Auth;
using Nosis.AgentRuntime.Samples.WorkerHost.Infrastructure;

namespace Nosis.AgentRuntime.Samples.WorkerHost.Endpoints;

/// <summary>GET /api/conversations/{id}/messages: the stored transcript, oldest first.</summary>
internal static class MessageEndpoints
{
    public static void MapMessageEndpoints(this RouteGroupBuilder api) => api.MapGet("/conversations/{id}/messages", ListAsync);

    private static async Task<IResult> ListAsync(string id, HttpContext context, AgentRuntimeDatabase database, OfficeAccess access)
    {
        if (!QueryParameters.TryReadPaging(context.Request, 1000, 1000, out var limit, out var offset, out var error))
        {
            return error!;
        }

        if (await access.FindConversationAsync(id, context.User.UserId(), context.RequestAborted) is null)
        {
            return ApiError.NotFound("Conversation");
        }

        var messages = await database.Messages.ListMessagesAsync(id, limit, offset, context.RequestAborted);
        return Results.Ok(new MessageListResponse(id, [.. messages.Select(MessageResponse.From)], limit, offset));
    }
}
