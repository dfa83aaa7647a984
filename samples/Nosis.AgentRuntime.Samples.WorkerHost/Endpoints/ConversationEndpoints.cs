using System.Text.Json;
using Nosis.AgentRuntime.Claims;
using Nosis.AgentRuntime.Data;
using Nosis.AgentRuntime.Execution;
using Nosis.AgentRuntime.Samples.WorkerHost.Api;
using Nosis.AgentRuntime.Samples.WorkerHost.Auth;
using Nosis.AgentRuntime.Samples.WorkerHost.Infrastructure;

namespace Nosis.AgentRuntime.Samples.WorkerHost.Endpoints;

/// <summary>/api/conversations: create, list (sandbox unless asked), get, delete and the three PATCH routes; only the owner sees a conversation.</summary>
internal static class ConversationEndpoints
{
    public static void MapConversationEndpoints(this RouteGroupBuilder api)
    {
        api.MapPost("/conversations", CreateAsync);
        api.MapGet("/conversations", ListAsync);
        api.MapGet("/conversations/{id}", GetAsync);
        api.MapDelete("/conversations/{id}", DeleteAsync);
        api.MapPatch("/conversations/{id}/title", UpdateTitleAsync);
        api.MapPatch("/conversations/{id}/execution-target", UpdateExecutionTargetAsync);
        api.MapPatch("/conversations/{id}/workspace", UpdateWorkspaceAsync);
    }

    private static async Task<IResult> CreateAsync(HttpContext context, AgentRuntimeDatabase database, OfficeAccess access)
    {
        var (request, error) = await JsonBody.ReadAsync<CreateConversationRequest>(context);
        if (error is not null)
        {
            return error;
        }

        if ((Validation.OptionalTitle(request!.Title)
            ?? Validation.OptionalId(request.WorkspaceId, "workspace_id")
            ?? Validation.OptionalId(request.OfficeId, "office_id")) is { } invalid)
        {
            return invalid;
        }

        if (!Validation.TryExecutionTarget(request.ExecutionTarget, "execution_target", out var target, out error))
        {
            return error!;
        }

        var userId = context.User.UserId();
        var ct = context.RequestAborted;
        if (request.WorkspaceId is not null)
        {
            // A code thread always belongs to its workspace's office.
            var workspace = await access.FindWorkspaceAsync(request.WorkspaceId, userId, ct);
            if (workspace is null)
            {
                return ApiError.NotFound("Workspace");
            }

            if (request.OfficeId is not null && request.OfficeId != workspace.OfficeId)
            {
                return ApiError.BadRequest(
                    "The field 'office_id' names another office than the workspace's; a conversation with a workspace belongs to the workspace's office, so leave office_id out.");
            }
        }
        else if (request.OfficeId is not null && await access.FindAsync(request.OfficeId, userId, ct) is null)
        {
            return ApiError.NotFound("Office");
        }

        var conversation = await database.Conversations.CreateConversationAsync(
            new NewConversation(userId)
            {
                Title = request.Title?.Trim(),
                ExecutionTarget = target,
                WorkspaceId = request.WorkspaceId,
                OfficeId = request.OfficeId,
            },
            ct);
        return Results.Created($"/api/conversations/{conversation.Id}", ConversationResponse.From(conversation));
    }

    private static async Task<IResult> ListAsync(HttpContext context, AgentRuntimeDatabase database, OfficeAccess access)
    {
        var request = context.Request;
        if (!QueryParameters.TryReadPaging(request, 50, WorkerHostLimits.MaxPageSize, out var limit, out var offset, out var error)
            || !QueryParameters.TryReadId(request, "office_id", out var officeId, out error)
            || !QueryParameters.TryReadId(request, "workspace_id", out var workspaceId, out error))
        {
            return error!;
        }

        var target = ExecutionTargets.DefaultListFilter;
        if (request.Query.TryGetValue("execution_target", out var rawTarget)
            && !Validation.TryExecutionTarget(rawTarget.ToString(), "execution_target", out target, out error))
        {
            return error!;
        }

        var userId = context.User.UserId();
        var ct = context.RequestAborted;
        if (officeId is not null && await access.FindAsync(officeId, userId, ct) is null)
        {
            return ApiError.NotFound("Office");
        }

        if (workspaceId is not null && await access.FindWorkspaceAsync(workspaceId, userId, ct) is null)
        {
            return ApiError.NotFound("Workspace");
        }

        var conversations = await database.Conversations.ListConversationsAsync(
            new ConversationQuery
            {
                UserId = userId,
                ExecutionTarget = target,
                OfficeId = officeId,
                WorkspaceId = workspaceId,
                Limit = limit,
                Offset = offset,
            },
            ct);
        return Results.Ok(new ConversationListResponse([.. conversations.Select(ConversationResponse.From)], target, limit, offset));
    }

    private static async Task<IResult> GetAsync(string id, HttpContext context, OfficeAccess access) =>
        await access.FindConversationAsync(id, context.User.UserId(), context.RequestAborted) is { } conversation
            ? Results.Ok(ConversationResponse.From(conversation))
            : ApiError.NotFound("Conversation");

    private static async Task<IResult> DeleteAsync(
        string id, HttpContext context, AgentRuntimeDatabase database, OfficeAccess access, AgentClaimService claims)
    {
        var conversation = await access.FindConversationAsync(id, context.User.UserId(), context.RequestAborted);
        if (conversation is null)
        {
            return ApiError.NotFound("Conversation");
        }

        await database.Conversations.DeleteConversationAsync(id, context.RequestAborted);
        if (conversation.AgentId is { } agentId)
        {
            await claims.RetireAgentAsync(id, agentId); // in the background; the orphan sweeper is the backstop
        }

        return Results.NoContent();
    }

    private static async Task<IResult> UpdateTitleAsync(string id, HttpContext context, AgentRuntimeDatabase database, OfficeAccess access)
    {
        if (await access.FindConversationAsync(id, context.User.UserId(), context.RequestAborted) is null)
        {
            return ApiError.NotFound("Conversation");
        }

        var (request, error) = await JsonBody.ReadAsync<UpdateTitleRequest>(context);
        if ((error ?? Validation.Name(request!.Title, "title")) is { } invalid)
        {
            return invalid;
        }

        return await UpdateAsync(id, new ConversationUpdate { Title = request!.Title!.Trim() }, context, database);
    }

    private static async Task<IResult> UpdateExecutionTargetAsync(string id, HttpContext context, AgentRuntimeDatabase database, OfficeAccess access)
    {
        if (await access.FindConversationAsync(id, context.User.UserId(), context.RequestAborted) is null)
        {
            return ApiError.NotFound("Conversation");
        }

        var (request, error) = await JsonBody.ReadAsync<UpdateExecutionTargetRequest>(context);
        if (error is not null)
        {
            return error;
        }

        if (string.IsNullOrEmpty(request!.ExecutionTarget))
        {
            return ApiError.BadRequest("The field 'execution_target' is required; accepted values: sandbox.");
        }

        return Validation.TryExecutionTarget(request.ExecutionTarget, "execution_target", out var target, out error)
            ? await UpdateAsync(id, new ConversationUpdate { ExecutionTarget = target }, context, database)
            : error!;
    }

    private static async Task<IResult> UpdateWorkspaceAsync(string id, HttpContext context, AgentRuntimeDatabase database, OfficeAccess access)
    {
        var userId = context.User.UserId();
        var conversation = await access.FindConversationAsync(id, userId, context.RequestAborted);
        if (conversation is null)
        {
            return ApiError.NotFound("Conversation");
        }

        var (request, error) = await JsonBody.ReadAsync<UpdateWorkspaceRequest>(context);
        if (error is not null)
        {
            return error;
        }

        string? workspaceId;
        switch (request!.WorkspaceId.ValueKind)
        {
            case JsonValueKind.Null:
                workspaceId = null;
                break;
            case JsonValueKind.String when !string.IsNullOrWhiteSpace(request.WorkspaceId.GetString()):
                workspaceId = request.WorkspaceId.GetString();
                if (Validation.Id(workspaceId!, "The field 'workspace_id'") is { } invalid)
                {
                    return invalid;
                }

                var workspace = await access.FindWorkspaceAsync(workspaceId!, userId, context.RequestAborted);
                if (workspace is null)
                {
                    return ApiError.NotFound("Workspace");
                }

                if (workspace.OfficeId != conversation.OfficeId)
                {
                    return ApiError.BadRequest(
                        "The field 'workspace_id' names a workspace of another office; a conversation is only attached to workspaces of its own office.");
                }

                break;
            default:
                return ApiError.BadRequest("The field 'workspace_id' is required: a workspace id to attach, or null to detach.");
        }

        return await UpdateAsync(id, new ConversationUpdate { WorkspaceId = workspaceId }, context, database);
    }

    private static async Task<IResult> UpdateAsync(string id, ConversationUpdate update, HttpContext context, AgentRuntimeDatabase database)
    {
        try
        {
            return await database.Conversations.UpdateConversationAsync(id, update, context.RequestAborted) is { } updated
                ? Results.Ok(ConversationResponse.From(updated))
                : ApiError.NotFound("Conversation");
        }
        catch (OfficeOwnershipException exception)
        {
            return ApiError.BadRequest($"The field 'workspace_id' is refused: {exception.Message}");
        }
    }
}
