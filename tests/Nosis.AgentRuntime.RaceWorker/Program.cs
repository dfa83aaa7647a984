// One host with its own agent runtime, racing first messages of the given conversations against a shared database and
// the Letta emulator (--letta) or Letta's App Server (--backend appserver, through the Letta:Backend configuration keys).
// Prints JSON lines on stdout: {"event":"ready"} once warmed up, one line per caller, {"event":"done"}.
// Waits for the barrier file before racing, so that every worker process races at once. Exit codes: 0 all callers
// succeeded and no error was reported; 1 a caller failed or an error was reported; 2 bad arguments or a crash.
// With "migrate" as its first argument it migrates the database instead (MigrationWorker).
using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Nosis.AgentRuntime;
using Nosis.AgentRuntime.Contracts;
using Nosis.AgentRuntime.Data;
using Nosis.AgentRuntime.RaceWorker;
using Nosis.AgentRuntime.Streaming;

if (args is ["migrate", .. var migrateArguments])
{
    try
    {
        return await MigrationWorker.RunAsync(migrateArguments);
    }
    catch (Exception ex) when (ex is not OutOfMemoryException)
    {
        Console.Error.WriteLine($"The migration worker crashed: {ex}");
        return 2;
    }
}

RaceWorkerArguments arguments;
try
{
    arguments = RaceWorkerArguments.Parse(args);
}
catch (FormatException ex)
{
    Console.Error.WriteLine(ex.Message);
    Console.Error.WriteLine(RaceWorkerArguments.Usage);
    return 2;
}

try
{
    var database = arguments.Provider == "sqlite"
        ? AgentRuntimeDatabase.CreateSqlite(arguments.Database)
        : AgentRuntimeDatabase.CreatePostgres(arguments.Database);
    await using (database)
    {
        var errors = new StderrErrorReporter();
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        if (arguments.AppServerUrl is { } appServerUrl)
        {
            // The keys every host reads (AddAppServerBackend(IConfiguration)), as a host's appsettings would set them.
            builder.Configuration["Letta:Backend"] = "AppServer";
            builder.Configuration["Letta:AppServer:Url"] = appServerUrl.ToString();
            builder.Configuration["Letta:AppServer:Model"] = arguments.AppServerModel;
        }

        builder.Services.AddSingleton(database);
        builder.Services.AddSingleton<IErrorReporter>(errors); // registered first, so the runtime's logging reporter is not added
        builder.Services
            .AddNosisAgentRuntime(
                letta =>
                {
                    letta.BaseUrl = arguments.LettaUrl ?? letta.BaseUrl;
                    letta.RequestTimeout = TimeSpan.FromSeconds(30);
                },
                runtime =>
                {
                    // Every turn of a conversation, in every process, queues behind the others: wait long, hold leases briefly.
                    runtime.TurnWaitTimeout = arguments.Deadline; // 64 serialised turns on SQLite, each storing its reply before it ends
                    runtime.TurnLeaseDuration = TimeSpan.FromSeconds(10);
                })
            .UseAgentIdRegistry<SqlAgentIdRegistry>()
            .UseMessageStore<SqlMessageStore>()
            .UseTurnLeaseStore<SqlTurnLeaseStore>()
            .UseToolLoader<NoToolsLoader>()
            .AddAppServerBackend(builder.Configuration);
        if (arguments.Scope != AgentScope.Conversation)
        {
            builder.Services.AddSingleton<ISharedAgentRegistry>(database.SharedAgents);
        }

        builder.Logging.AddProvider(new QueuedTurnLog());
        using var host = builder.Build();
        await host.StartAsync();
        var race = new ConversationRace(
            arguments.Name, host.Services.GetRequiredService<AgentChatService>(), host.Services.GetRequiredService<IAgentIdResolver>(), arguments.Scope);

        // Warm up the pool so the race starts on an open connection, then wait for the others.
        _ = await database.GetSchemaVersionAsync();
        JsonLines.Write(new { Event = "ready", Worker = arguments.Name });
        var waited = Stopwatch.StartNew();
        while (!File.Exists(arguments.BarrierFile))
        {
            if (waited.Elapsed > TimeSpan.FromSeconds(60))
            {
                Console.Error.WriteLine($"The barrier file {arguments.BarrierFile} did not appear within 60 s.");
                return 2;
            }

            await Task.Delay(2);
        }

        var raced = Stopwatch.StartNew();
        using var deadline = new CancellationTokenSource(arguments.Deadline);
        var outcomes = await Task.WhenAll(arguments.Conversations.Select(c => race.RunAsync(c, arguments.Callers, arguments.Mode, deadline.Token)));
        var raceMilliseconds = raced.ElapsedMilliseconds;

        // Stopping the host drains the background scheduler: assistant messages saved, orphan agents deleted.
        await host.StopAsync();
        JsonLines.Write(new { Event = "done", Worker = arguments.Name, RaceMilliseconds = raceMilliseconds, DrainMilliseconds = raced.ElapsedMilliseconds - raceMilliseconds, ErrorReports = errors.Count });
        return outcomes.All(ok => ok) && errors.Count == 0 ? 0 : 1;
    }
}
catch (Exception ex) when (ex is not OutOfMemoryException)
{
    Console.Error.WriteLine($"The race worker crashed: {ex}");
    return 2;
}
