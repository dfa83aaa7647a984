using Nosis.AgentRuntime.Data;
using Nosis.AgentRuntime.Samples.WorkerHost.Api;
using Nosis.AgentRuntime.Samples.WorkerHost.Auth;
using Nosis.AgentRuntime.Samples.WorkerHost.Infrastructure;

namespace Nosis.AgentRuntime.Samples.WorkerHost.Endpoints;

/// <summary>GET/POST /api/offices: the caller's personal office and the shared offices they created.</summary>
internal static class OfficeEndpoints
{
    public static void MapOfficeEndpoints(this RouteGroupBuilder api)
    {
        api.MapGet("/offices", ListAsync);
        api.MapPost("/offices", CreateAsync);
    }

    private static async Task<IResult> ListAsync(HttpContext context, AgentRuntimeDatabase database, OfficeMembers members)
    {
        var userId = context.User.UserId();
        var ct = context.RequestAborted;
        var offices = new List<OfficeResponse> { OfficeResponse.From(await database.Offices.GetOrCreatePersonalOfficeAsync(userId, ct)) };
        foreach (var officeId in await members.ListOfficeIdsAsync(userId, ct))
        {
            if (await database.Offices.GetOfficeAsync(officeId, ct) is { } office)
            {
                offices.Add(OfficeResponse.From(office));
            }
        }

        return Results.Ok(new OfficeListResponse(offices));
    }

    private static async Task<IResult> CreateAsync(HttpContext context, AgentRuntimeDatabase database, OfficeMembers members)
    {
        var (request, error) = await JsonBody.ReadAsync<CreateOfficeRequest>(context);
        if (error is not null)
        {
            return error;
        }

        if (Validation.Name(request!.Name, "name") is { } invalid)
        {
            return invalid;
        }

        var office = await database.Offices.CreateOfficeAsync(request.Name!.Trim(), cancellationToken: context.RequestAborted);
        await members.AddAsync(office.Id, context.User.UserId(), context.RequestAborted);
        return Results.Created($"/api/offices/{office.Id}", OfficeResponse.From(office));
    }
}
