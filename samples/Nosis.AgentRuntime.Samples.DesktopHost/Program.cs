using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Nosis.AgentRuntime.Data;
using Nosis.AgentRuntime.Execution;
using Nosis.AgentRuntime.Samples.ConsoleHost;
using Nosis.AgentRuntime.Samples.DesktopHost;
using Nosis.AgentRuntime.Streaming;
using Nosis.AgentRuntime.Emulator;

// The desktop surface: a `local` conversation in a workspace folder, with local tools from a stdio MCP server rooted at
// that folder and sandbox tools over HTTP; the worker refusing the same conversation; the desktop's thread list.
//   dotnet run --project samples/Nosis.AgentRuntime.Samples.DesktopHost [-- --workspace DIR]
const string UserId = "desktop-user";

DesktopSettings settings;
try
{
    settings = DesktopSettings.From(args, Environment.GetEnvironmentVariable);
}
catch (ArgumentException invalid)
{
    Console.Error.WriteLine(invalid.Message);
    return 2;
}

if (await FilesystemServer.LocateAsync(settings.FilesystemServer) is not { } filesystem)
{
    return 2;
}

// 1. The workspace folder the local conversation works in (a fresh one with a note unless --workspace is given).
var workspace = settings.Workspace ?? Path.Combine(Path.GetTempPath(), "nosis-desktop-workspace-" + Guid.NewGuid().ToString("N")[..8]);
Directory.CreateDirectory(workspace);
var notes = Path.Combine(workspace, "notes.md");
if (!File.Exists(notes))
{
    await File.WriteAllTextAsync(notes, "# Notes\nShip the desktop adapter on Friday.\n");
}

Console.WriteLine($"Workspace: {workspace}");

// 2. Letta: the App Server when Letta__Backend=AppServer, a V1 server when one is named, otherwise the emulator, scripted
//    to use one tool in each conversation.
var letta = LettaConnection.From(settings, new ConfigurationBuilder().AddEnvironmentVariables().Build());
await using var emulator = letta.NeedsEmulator ? await LettaEmulator.StartNewAsync() : null;
letta = letta with { Url = letta.Url ?? emulator?.BaseUrl };
var lettaUrl = letta.Url;
if (letta.IsAppServer)
{
    Console.WriteLine($"Letta: the App Server at {letta.Configuration["Letta:AppServer:Url"]}.");
}
else if (emulator is not null)
{
    emulator.Replies.Enqueue(LettaReply.Create()
        .ClientToolCall("read_text_file", $$"""{"path":{{System.Text.Json.JsonSerializer.Serialize(notes)}}}""")
        .Text("Your notes say to ship the desktop adapter on Friday.")
        .Build());
    emulator.Replies.Enqueue(LettaReply.Create()
        .ClientToolCall("word_count", """{"text":"sandbox tools run in the cloud"}""")
        .Text("That sentence has six words.")
        .Build());
    Console.WriteLine($"Letta: using the built-in Letta emulator at {lettaUrl} (no LETTA_BASE_URL given).");
}
else
{
    Console.WriteLine($"Letta: {lettaUrl}");
}

await using var sandboxTools = await SandboxToolServer.StartAsync();
var databasePath = Path.Combine(Path.GetTempPath(), "nosis-agent-runtime-sample", $"desktop-{Guid.NewGuid():N}.db");
Directory.CreateDirectory(Path.GetDirectoryName(databasePath)!);
await using var database = AgentRuntimeDatabase.CreateSqlite(databasePath);
await database.MigrateAsync();
Console.WriteLine($"Database: SQLite at {databasePath}");

// 3. Two threads of one office: a local code thread attached to the workspace, and a sandbox chat thread.
var office = await database.Offices.GetOrCreatePersonalOfficeAsync(UserId);
var folder = await database.Workspaces.CreateWorkspaceAsync(new NewWorkspace(UserId, Path.GetFileName(workspace)) { OfficeId = office.Id });
var codeThread = await database.Conversations.CreateConversationAsync(new NewConversation(UserId)
{
    Title = "Workspace notes", OfficeId = office.Id, WorkspaceId = folder.Id, ExecutionTarget = ExecutionTarget.Local,
});
var chatThread = await database.Conversations.CreateConversationAsync(new NewConversation(UserId) { Title = "Quick question", OfficeId = office.Id });

using var desktop = DesktopRuntime.Build(ExecutionSurface.Desktop, database, letta, filesystem, workspace, sandboxTools.Url);
using var worker = DesktopRuntime.Build(ExecutionSurface.Worker, database, letta, filesystem, workspace, sandboxTools.Url);
await desktop.StartAsync();
var chat = desktop.Services.GetRequiredService<AgentChatService>();

// 4. The local turn: the agent reads a file of the workspace through the stdio filesystem server.
var local = (await database.Conversations.GetRuntimeAsync(codeThread.Id))!;
Console.WriteLine($"Local {local.ThreadKind} thread {local.ConversationId} (target {ExecutionTargets.ToWireName(local.ExecutionTarget)}, tools: global + local):");
var prompt = "What do my notes say?";
Console.WriteLine($"  user › {prompt}");
var failed = await ReplyPrinter.PrintAsync(chat.StreamAsync(new AgentChatRequest(local, prompt)));

// 5. The sandbox turn on the same desktop: its tools come from the HTTP server, never from the workspace.
var sandbox = (await database.Conversations.GetRuntimeAsync(chatThread.Id))!;
Console.WriteLine($"Sandbox {sandbox.ThreadKind} thread {sandbox.ConversationId} (target sandbox, tools: global + sandbox):");
prompt = "How many words are in 'sandbox tools run in the cloud'?";
Console.WriteLine($"  user › {prompt}");
failed ??= await ReplyPrinter.PrintAsync(chat.StreamAsync(new AgentChatRequest(sandbox, prompt)));

// 6. The worker (cloud) surface runs sandbox only: it refuses the local conversation before any tool is loaded or Letta is
//    called; like every refused turn, the attempt is kept as the user message and a failed marker.
try
{
    await using var refused = await worker.Services.GetRequiredService<AgentChatService>().StartAsync(new AgentChatRequest(local, "Read my notes."));
    Console.Error.WriteLine("The worker accepted a local conversation: that must not happen.");
    return 1;
}
catch (UnsupportedExecutionTargetException refusal)
{
    Console.WriteLine($"Worker refuses the local thread: {refusal.Message}");
}

// 7. The desktop's thread list shows every target it runs; a web or worker list (sandbox by default) never shows the local thread.
await desktop.StopAsync();
Console.WriteLine("Desktop threads:");
foreach (var target in ExecutionTargets.SupportedOn(ExecutionSurface.Desktop))
{
    foreach (var thread in await database.Conversations.ListConversationsAsync(new ConversationQuery { ExecutionTarget = target, UserId = UserId }))
    {
        var messages = await database.Messages.ListMessagesAsync(thread.Id);
        Console.WriteLine($"  [{ExecutionTargets.ToWireName(target)}] {thread.ThreadKind} thread '{thread.Title}' ({messages.Count} stored messages)");
    }
}

var webList = await database.Conversations.ListConversationsAsync(new ConversationQuery { UserId = UserId });
Console.WriteLine($"Web/worker list (default filter {ExecutionTargets.ToWireName(ExecutionTargets.DefaultListFilter)}): {string.Join(", ", webList.Select(t => $"'{t.Title}'"))}");
return failed is null ? 0 : 2;
