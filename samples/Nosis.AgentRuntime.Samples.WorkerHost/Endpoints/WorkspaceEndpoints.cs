using Nosis.AgentRuntime.Data;
using Nosis.AgentRuntime.Samples.WorkerHost.Api;
using Nosis.AgentRuntime.Samples.WorkerHost.Auth;
using Nosis.AgentRuntime.Samples.WorkerHost.Infrastructure;

namespace Nosis.AgentRuntime.Samples.WorkerHost.Endpoints;

/// <summary>POST/GET /api/workspaces: projects, each owned by an office (the creator's personal office unless another is named).</summary>
internal static class WorkspaceEndpoints
{
    public static void MapWorkspaceEndpoints(this RouteGroupBuilder api)
    {
        api.MapPost("/workspaces", CreateAsync);
        api.MapGet("/workspaces", ListAsync);
    }

    private static async Task<IResult> CreateAsync(HttpContext context, AgentRuntimeDatabase database, OfficeAccess access)
    {
        var (request, error) = await JsonBody.ReadAsync<CreateWorkspaceRequest>(context);
        if (error is not null)
        {
            return error;
        }

        if ((Validation.Name(request!.Name, "name") ?? Validation.OptionalId(request.OfficeId, "office_id")) is { } invalid)
        {
            return invalid;
        }

        var userId = context.User.UserId();
        if (request.OfficeId is not null && await access.FindAsync(request.OfficeId, userId, context.RequestAborted) is null)
        {
            return ApiError.NotFound("Office");
        }

        var workspace = await database.Workspaces.CreateWorkspaceAsync(
            new NewWorkspace(userId, request.Name!.Trim()) { OfficeId = request.OfficeId }, context.RequestAborted);
        return Results.Created($"/api/workspaces/{workspace.Id}", WorkspaceResponse.From(workspace));
    }

    private static async Task<IResult> ListAsync(HttpContext context, AgentRuntimeDatabase database, OfficeAccess access)
    {
        if (!QueryParameters.TryReadPaging(context.Request, 50, WorkerHostLimits.MaxPageSize, out var limit, out var offset, out var error)
            || !QueryParameters.TryReadId(context.Request, "office_id", out var officeId, out error))
        {
            return error!;
        }

        var userId = context.User.UserId();
        if (officeId is not null && await access.FindAsync(officeId, userId, context.RequestAborted) is null)
        {
            return ApiError.NotFound("Office");
        }

        // In a named office: every workspace of it. Otherwise: the caller's own workspaces.
        var workspaces = officeId is not null
            ? await database.Workspaces.ListWorkspacesAsync(officeId: officeId, limit: limit, offset: offset, cancellationToken: context.RequestAborted)
            : await database.Workspaces.ListWorkspacesAsync(userId: userId, limit: limit, offset: offset, cancellationToken: context.RequestAborted);
        return Results.Ok(new WorkspaceListResponse([.. workspaces.Select(WorkspaceResponse.From)], limit, offset));
    }
}
