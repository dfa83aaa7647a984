using Nosis.AgentRuntime.Samples.WorkerHost.Api;
using Nosis.AgentRuntime.Samples.WorkerHost.Endpoints;
using Nosis.AgentRuntime.Samples.WorkerHost.Infrastructure;

// The worker host: conversations, messages and a streaming chat endpoint over the agent runtime.
//   dotnet run --project samples/Nosis.AgentRuntime.Samples.WorkerHost -- --urls http://127.0.0.1:5080
// See README.md next to this file for the configuration keys and a curl session.
// appsettings.json is read from the build output, so `dotnet <dll>` works from any folder.
var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, ContentRootPath = AppContext.BaseDirectory });
await using var resources = await WorkerHostResources.AddWorkerHostAsync(builder);
if (resources is null)
{
    return 2;
}

builder.AddChatFrontDoor();
var app = builder.Build();
app.UseMiddleware<ErrorResponseMiddleware>();
app.UseJsonStatusCodePages();
app.UseCors(ChatFrontDoor.CorsPolicy);
app.UseMiddleware<RequestLimitsMiddleware>();
app.MapChatFrontDoor();
app.UseAuthentication();
app.UseRateLimiter();
app.UseAuthorization();

app.MapGet("/health", () => Results.Ok(new { Status = "ok" }));
var api = app.MapGroup("/api").RequireAuthorization().AddEndpointFilter<RouteIdFilter>();
api.MapOfficeEndpoints();
api.MapWorkspaceEndpoints();
api.MapConversationEndpoints();
api.MapMessageEndpoints();
api.MapChatEndpoints();
app.MapWorkerToolServer();

if (!await resources.InitializeAsync(app))
{
    return 2;
}

await app.RunAsync();
return 0;
