namespace Nosis.AgentRuntime.Samples.WorkerHost.Api;

/// <summary>Refuses a request whose path id is blank, too long or holds control characters with 400, before any store sees it.</summary>
/// <remarks>Every route value of the API is an id, so the filter checks them all.</remarks>
internal sealed class RouteIdFilter : IEndpointFilter
{
    public ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        foreach (var (name, value) in context.HttpContext.Request.RouteValues)
        {
            if (value is string id && Validation.Id(id, $"The '{name}' in the path") is { } refusal)
            {
                return ValueTask.FromResult<object?>(refusal);
            }
        }

        return next(context);
    }
}
