using System.Text.Json;
using Microsoft.AspNetCore.Authentication;
using Npgsql;
using Nosis.AgentRuntime.Data;
using Nosis.AgentRuntime.Samples.WorkerHost.Auth;
using Nosis.AgentRuntime.Emulator;

namespace Nosis.AgentRuntime.Samples.WorkerHost.Infrastructure;

/// <summary>What the worker owns for its lifetime: the database, the tokens and, when no Letta server is configured, the in-process emulator.</summary>
internal sealed partial class WorkerHostResources : IAsyncDisposable
{
    private readonly DatabaseSettings _databaseSettings;
    private readonly AgentRuntimeDatabase _database;
    private readonly BearerTokens _tokens;
    private readonly LettaEmulator? _emulator;
    private Task _databaseRetry = Task.CompletedTask;

    private WorkerHostResources(DatabaseSettings databaseSettings, AgentRuntimeDatabase database, BearerTokens tokens, LettaEmulator? emulator)
    {
        _databaseSettings = databaseSettings;
        _database = database;
        _tokens = tokens;
        _emulator = emulator;
    }

    /// <summary>Reads the configuration and registers the services; <see langword="null"/> (after one line on stderr) when a setting is unusable.</summary>
    public static async Task<WorkerHostResources?> AddWorkerHostAsync(WebApplicationBuilder builder)
    {
        var databaseSettings = DatabaseSettings.Read(builder.Configuration, out var error);
        if (error is not null)
        {
            await Console.Error.WriteLineAsync(error);
            return null;
        }

        var scope = AgentScopeSettings.Read(builder.Configuration, out error);
        if (error is not null)
        {
            await Console.Error.WriteLineAsync(error);
            return null;
        }

        LettaEmulator? emulator = null;
        if (LettaSettings.IsAppServer(builder.Configuration))
        {
            // Protocol V2 replays no deltas and has no runs API: a reply cannot be re-read from another instance, so the
            // worker streams it directly (a browser that leaves does not stop it: the disconnect policy keeps it going).
            builder.Configuration["Runtime:BackgroundRuns"] = "false";
        }
        else if (LettaSettings.Apply(builder.Configuration) is null)
        {
            emulator = await LettaEmulator.StartNewAsync();
            builder.Configuration["Letta:BaseUrl"] = emulator.BaseUrl.ToString();
            if (builder.Configuration["Letta:Emulator:ReplyScript"] is { Length: > 0 } scriptPath)
            {
                try
                {
                    LettaReplyScript.Parse(await File.ReadAllTextAsync(scriptPath)).ApplyTo(emulator);
                }
                catch (Exception exception) when (exception is FormatException or IOException or UnauthorizedAccessException)
                {
                    await Console.Error.WriteLineAsync($"Letta:Emulator:ReplyScript '{scriptPath}' is unusable: {exception.Message}");
                    await emulator.DisposeAsync();
                    return null;
                }
            }
        }

        var database = databaseSettings.Open();
        var tokens = BearerTokens.FromConfiguration(builder.Configuration, builder.Environment.IsDevelopment());
        var services = builder.Services;
        builder.WebHost.ConfigureKestrel(kestrel => RequestLimitsMiddleware.ConfigureKestrel(kestrel.Limits));
        services.ConfigureHttpJsonOptions(json =>
        {
            json.SerializerOptions.PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower;
            json.SerializerOptions.DictionaryKeyPolicy = JsonNamingPolicy.SnakeCaseLower;
        });
        services.AddSingleton(database);
        services.AddSingleton(scope);
        services.AddSingleton(tokens);
        services.AddSingleton<OfficeMembers>();
        services.AddSingleton<OfficeAccess>();
        services.AddSingleton<DatabaseReadiness>();
        services.AddSingleton<DatabaseInitializer>();
        services.AddChatRateLimiter(builder.Configuration);
        services.AddAuthentication(BearerTokenAuthenticationHandler.SchemeName)
            .AddScheme<AuthenticationSchemeOptions, BearerTokenAuthenticationHandler>(BearerTokenAuthenticationHandler.SchemeName, null);
        services.AddAuthorization();
        services.AddNosisAgentRuntime(builder.Configuration)
            .UseAgentIdRegistry<SqlAgentIdRegistry>()
            .UseMessageStore<SqlMessageStore>()
            .UseTurnLeaseStore<SqlTurnLeaseStore>()
            .UseSharedAgentRegistry<SqlSharedAgentRegistry>()
            .UseActiveRunStore<SqlActiveRunStore>()
            .UseMcpTools(builder.Configuration.GetSection("Mcp"))
            .AddAppServerBackend(builder.Configuration);
        WorkerToolServer.Add(builder);
        return new WorkerHostResources(databaseSettings, database, tokens, emulator);
    }

    /// <summary>Migrates the database (in the background while it is down), creates the sample's membership table and says plainly what the worker runs against.</summary>
    /// <returns><see langword="false"/> (after one line on stderr) when the database is configured in a way that cannot work.</returns>
    public async Task<bool> InitializeAsync(WebApplication app)
    {
        var logger = app.Logger;
        var initializer = app.Services.GetRequiredService<DatabaseInitializer>();
        try
        {
            if (!await initializer.TryInitializeAsync(app.Lifetime.ApplicationStopping))
            {
                _databaseRetry = initializer.RetryUntilReadyAsync(app.Lifetime.ApplicationStopping);
            }
        }
        catch (DatabaseConfigurationException exception)
        {
            await Console.Error.WriteLineAsync($"Database:ConnectionString is unusable: {exception.Message}");
            return false;
        }

        if (_databaseSettings.Dialect == SqlDialect.PostgreSql)
        {
            var postgres = new NpgsqlConnectionStringBuilder(_databaseSettings.ConnectionString);
            LogPostgres(logger, postgres.Host ?? "(default host)", postgres.Database ?? "(default database)", AgentRuntimeDatabase.LatestSchemaVersion);
        }
        else
        {
            LogSqlite(logger, Path.GetFullPath(_databaseSettings.ConnectionString), _databaseSettings.IsDefaultLocation, AgentRuntimeDatabase.LatestSchemaVersion);
        }

        if (_emulator is not null)
        {
            LogEmulator(logger, _emulator.BaseUrl);
        }
        else if (LettaSettings.IsAppServer(app.Configuration))
        {
            LogAppServer(logger, UrlRedaction.Redact(app.Configuration["Letta:AppServer:Url"] ?? "(none)"), app.Configuration["Letta:AppServer:Model"] ?? "(none)");
        }
        else
        {
            LogLetta(logger, UrlRedaction.Redact(app.Configuration["Letta:BaseUrl"]!));
        }

        if (_tokens.GeneratedToken is { } token)
        {
            LogGeneratedToken(logger, token, BearerTokens.DevelopmentUserId);
        }
        else if (_tokens.Count == 0)
        {
            LogNoTokens(logger);
        }

        return true;
    }

    public async ValueTask DisposeAsync()
    {
        await _databaseRetry;
        await _database.DisposeAsync();
        if (_emulator is not null)
        {
            await _emulator.DisposeAsync();
        }
    }

    [LoggerMessage(1, LogLevel.Information, "Database: SQLite file {Path} (default location: {IsDefault}), schema version {Version}. Set Database:ConnectionString to use another file.")]
    private static partial void LogSqlite(ILogger logger, string path, bool isDefault, int version);

    [LoggerMessage(2, LogLevel.Information, "Database: PostgreSQL database {Database} on {Host}, schema version {Version}.")]
    private static partial void LogPostgres(ILogger logger, string host, string database, int version);

    [LoggerMessage(3, LogLevel.Warning,
        "Letta: no Letta:BaseUrl (or LETTA_BASE_URL) is configured, so the in-process Letta EMULATOR is in use at {Url}; its agents echo what they are told. "
        + "Set Letta:BaseUrl and Letta:ApiKey (or LETTA_BASE_URL and LETTA_API_KEY) to use a real Letta server.")]
    private static partial void LogEmulator(ILogger logger, Uri url);

    [LoggerMessage(4, LogLevel.Information, "Letta: using the server at {Url}.")]
    private static partial void LogLetta(ILogger logger, string url); // user info already redacted

    [LoggerMessage(7, LogLevel.Information, "Letta: using the App Server at {Url} (Letta:Backend = AppServer), model {Model} for new agents; resume and stop from another instance are off on this backend.")]
    private static partial void LogAppServer(ILogger logger, string url, string model); // user info already redacted

    [LoggerMessage(5, LogLevel.Warning,
        "Auth: no Auth:Tokens are configured, so this Development run generated the token {Token} for user '{UserId}'. Send 'Authorization: Bearer {Token}'.")]
    private static partial void LogGeneratedToken(ILogger logger, string token, string userId);

    [LoggerMessage(6, LogLevel.Warning, "Auth: no Auth:Tokens are configured, so every /api request is refused with 401. Map tokens to users, e.g. Auth__Tokens__devtoken=user-1.")]
    private static partial void LogNoTokens(ILogger logger);
}
