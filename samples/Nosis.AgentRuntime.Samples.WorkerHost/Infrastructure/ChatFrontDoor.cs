using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.FileProviders;
using Nosis.AgentRuntime.Contracts;
using Nosis.AgentRuntime.Data;

namespace Nosis.AgentRuntime.Samples.WorkerHost.Infrastructure;

/// <summary>What a browser front end needs: CORS for <c>Cors:AllowedOrigins</c>, OpenAPI at /openapi/v1.json, readiness at /health/ready, the message history, and the useChat page at /.</summary>
internal static class ChatFrontDoor
{
    public const string CorsPolicy = "chat-front-ends";

    private const string ReadyTag = "ready";

    public static void AddChatFrontDoor(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        var origins = builder.Configuration.GetSection("Cors:AllowedOrigins").Get<string[]>() ?? [];
        services.AddCors(cors => cors.AddPolicy(CorsPolicy, policy => policy
            .WithOrigins([.. origins.Select(o => o.TrimEnd('/'))])
            .WithMethods("GET", "POST", "PATCH", "DELETE")
            .WithHeaders("authorization", "content-type")));
        services.AddOpenApi();
        services.AddSingleton<IMessageHistory>(provider => provider.GetRequiredService<AgentRuntimeDatabase>().Messages);
        services.AddHealthChecks()
            .AddLetta(tags: [ReadyTag])
            .AddMessageStore(ProbeDatabaseAsync, tags: [ReadyTag]);
    }

    public static void MapChatFrontDoor(this WebApplication app)
    {
        app.MapOpenApi();
        app.MapHealthChecks("/health/ready", new HealthCheckOptions { Predicate = check => check.Tags.Contains(ReadyTag) });
        var page = Path.Combine(AppContext.BaseDirectory, "page");
        if (File.Exists(Path.Combine(page, "index.html")))
        {
            var files = new PhysicalFileProvider(page);
            app.UseDefaultFiles(new DefaultFilesOptions { FileProvider = files });
            app.UseStaticFiles(new StaticFileOptions { FileProvider = files });
        }
        else
        {
            app.MapGet("/", () => Results.Text(
                "The chat page is not built: run 'npm ci' and 'npm run build' in samples/Nosis.AgentRuntime.Samples.WorkerHost/ClientApp, then build the worker again.",
                statusCode: StatusCodes.Status503ServiceUnavailable));
        }
    }

    /// <summary>Ready when the database answers and is migrated to the schema this build writes.</summary>
    private static async Task ProbeDatabaseAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        var version = await services.GetRequiredService<AgentRuntimeDatabase>().GetSchemaVersionAsync(cancellationToken);
        if (version < AgentRuntimeDatabase.LatestSchemaVersion)
        {
            throw new InvalidOperationException($"The database is at schema version {version}, not {AgentRuntimeDatabase.LatestSchemaVersion}.");
        }
    }
}
