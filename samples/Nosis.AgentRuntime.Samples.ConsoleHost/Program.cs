using System.Diagnostics.Metrics;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Nosis.AgentRuntime;
using Nosis.AgentRuntime.Contracts;
using Nosis.AgentRuntime.Data;
using Nosis.AgentRuntime.Diagnostics;
using Nosis.AgentRuntime.Letta;
using Nosis.AgentRuntime.Samples.ConsoleHost;
using Nosis.AgentRuntime.Streaming;
using Nosis.AgentRuntime.Emulator;

const string UserId = "console-user";
const int ConcurrentFirstMessages = 8;

ConsoleSettings settings;
try
{
    settings = ConsoleSettings.From(args, Environment.GetEnvironmentVariable);
}
catch (ArgumentException invalid)
{
    Console.Error.WriteLine(invalid.Message);
    return 2;
}

// 1. Letta: the App Server when Letta__Backend=AppServer (with Letta__AppServer__Url and Letta__AppServer__Model), a V1 server
//    when one is named, otherwise the emulator in this process.
var configuration = new ConfigurationBuilder().AddEnvironmentVariables().Build();
var appServer = string.Equals(configuration["Letta:Backend"], nameof(LettaBackend.AppServer), StringComparison.OrdinalIgnoreCase);
await using var emulator = settings.LettaUrl is null && !appServer ? await LettaEmulator.StartNewAsync() : null;
var lettaUrl = settings.LettaUrl ?? emulator?.BaseUrl;
var lettaAddress = appServer ? $"the App Server at {configuration["Letta:AppServer:Url"]}" : $"{lettaUrl}";
if (appServer)
{
    Console.WriteLine($"Letta: {lettaAddress}, model {configuration["Letta:AppServer:Model"]} for new agents.");
}
else if (emulator is not null)
{
    emulator.Faults.TrickleDelay = TimeSpan.FromMilliseconds(30);
    emulator.Replies.Enqueue(LettaReply.Create()
        .Reasoning("The user asks for the time; I have a tool for that.")
        .ClientToolCall("current_time", "{}")
        .TextTokens("It ", "is ", "time ", "to ", "build: ", "I ", "can ", "answer ", "questions, ", "call ", "your ", "tools ", "and ", "remember ", "this ", "conversation.")
        .Usage(42, 16)
        .Build());
    Console.WriteLine($"Letta: using the built-in Letta emulator at {lettaUrl} (no LETTA_BASE_URL given).");
    Console.WriteLine("       For a real server: LETTA_BASE_URL=https://api.letta.com LETTA_API_KEY=... dotnet run --project samples/Nosis.AgentRuntime.Samples.ConsoleHost");
}
else
{
    Console.WriteLine($"Letta: {lettaUrl}");
}

// 2. Storage: an embedded SQLite file, migrated.
var databasePath = Path.Combine(Path.GetTempPath(), "nosis-agent-runtime-sample", $"runtime-{DateTime.UtcNow:yyyyMMdd-HHmmss}.db");
Directory.CreateDirectory(Path.GetDirectoryName(databasePath)!);
Console.WriteLine($"Database: SQLite at {databasePath}");
await using var database = AgentRuntimeDatabase.CreateSqlite(databasePath);
await database.MigrateAsync();

// 3. The runtime, with this host's adapters: SQL persistence and its own tools.
var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
builder.Logging.ClearProviders();
builder.Services.AddSingleton<IAgentIdRegistry>(database.AgentIds);
builder.Services.AddSingleton<IMessageStore>(database.Messages);
builder.Services.AddSingleton<ITurnLeaseStore>(database.TurnLeases);
builder.Services.AddSingleton<ISharedAgentRegistry>(database.SharedAgents); // conversations of scope User or Office share an agent
builder.Services.AddSingleton<IToolLoader>(services => new ClockToolLoader(services.GetRequiredService<TimeProvider>()));
builder.Services.AddNosisAgentRuntime(letta =>
{
    letta.BaseUrl = lettaUrl;
    letta.ApiKey = settings.ApiKey;
    letta.MaxRetries = 1;
}).AddAppServerBackend(configuration);

using var host = builder.Build();
try
{
    await host.StartAsync();

    // 4. An office-owned, detached chat thread: no workspace.
    var office = await database.Offices.GetOrCreatePersonalOfficeAsync(UserId);
    var thread = await database.Conversations.CreateConversationAsync(new NewConversation(UserId) { Title = "Console chat", OfficeId = office.Id });
    var conversation = (await database.Conversations.GetRuntimeAsync(thread.Id))!;
    Console.WriteLine($"Office {office.Id} owns chat thread {thread.Id} ({conversation.ThreadKind} thread, workspace: none).");

    // 5. Eight concurrent first messages race for the thread's agent: one is created and claimed.
    var creates = CountAgentCreations(host.Services.GetRequiredService<AgentRuntimeTelemetry>());
    var resolver = host.Services.GetRequiredService<IAgentIdResolver>();
    var agentIds = await Task.WhenAll(Enumerable.Range(0, ConcurrentFirstMessages).Select(_ => resolver.ResolveOrCreateAgentIdAsync(conversation)));
    Console.WriteLine($"{ConcurrentFirstMessages} concurrent first messages resolved to {agentIds.Distinct().Count()} agent: {agentIds[0]} (create calls: {creates.Count})");

    // 6. One reply, streamed to the terminal as it arrives.
    Console.WriteLine($"  user › {settings.Prompt}");
    var chat = host.Services.GetRequiredService<AgentChatService>();
    var error = await ReplyPrinter.PrintAsync(chat.StreamAsync(new AgentChatRequest(conversation with { AgentId = agentIds[0] }, settings.Prompt)));

    // 7. Conversations mode: two threads of this user share one agent and its memory, each in its own Letta conversation.
    error ??= await SharedMemoryDemo.RunAsync(database, office, chat, host.Services.GetRequiredService<ILettaClient>(), emulator, UserId);

    // 8. Stop the host: the background scheduler drains, so the reply is stored before the transcript is read.
    await host.StopAsync();
    Console.WriteLine("Stored transcript:");
    foreach (var message in await database.Messages.ListMessagesAsync(thread.Id))
    {
        var ended = message.Completion is { } completion ? $" [{completion}]" : string.Empty;
        Console.WriteLine($"  {message.Role.ToString().ToLowerInvariant(),-9} {message.Content}{ended}");
    }

    if (error is not null)
    {
        Console.Error.WriteLine($"Letta could not finish the reply ({error.ErrorType}).");
        return 2;
    }

    return 0;
}
catch (Exception failure) when (failure is HttpRequestException or LettaApiException or TimeoutException or OptionsValidationException
    or Nosis.AgentRuntime.Claims.AgentClaimException)
{
    Console.Error.WriteLine($"Could not use the Letta server at {lettaAddress}: {Describe(failure)}");
    return 2;
}

static string Describe(Exception failure) => failure switch
{
    LettaApiException { StatusCode: System.Net.HttpStatusCode.Unauthorized } => "it refused the API key (401). Check LETTA_API_KEY.",
    LettaApiException api => $"it answered {(int)api.StatusCode} to {api.Operation}.",
    HttpRequestException => "it could not be reached. Check LETTA_BASE_URL (or Letta__AppServer__Url) and that the server is running.",
    TimeoutException => "it did not answer in time.",
    OptionsValidationException options => options.Message,
    _ when failure.InnerException is { } inner => Describe(inner),
    _ => failure.Message,
};

static List<long> CountAgentCreations(AgentRuntimeTelemetry telemetry)
{
    var creates = new List<long>();
    var listener = new MeterListener
    {
        InstrumentPublished = (instrument, l) =>
        {
            if (instrument == telemetry.AgentsCreated)
            {
                l.EnableMeasurementEvents(instrument);
            }
        },
    };
    listener.SetMeasurementEventCallback<long>((_, value, _, _) =>
    {
        lock (creates)
        {
            creates.Add(value);
        }
    });
    listener.Start();
    return creates;
}
