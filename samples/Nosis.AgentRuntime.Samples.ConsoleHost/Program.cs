using Nosis.AgentRuntime.Contracts;
using Nosis.AgentRuntime.Execution;

// The full console host (emulator, SQLite, concurrent claim, streamed reply) is not yet available; until it lands,
// this shows the taxonomy and the office-ownership rule every host relies on.
Console.WriteLine("Nosis.AgentRuntime console host: the streaming demo is not yet available.");
foreach (var input in new[] { null, "sandbox", "default", "local" })
{
    var accepted = ExecutionTargets.TryCanonicalizeForCloud(input, out var target);
    Console.WriteLine($"  cloud target {input ?? "(absent)",-9} -> {(accepted ? ExecutionTargets.ToWireName(target) : "refused")}");
}

var chat = new ConversationRuntime("c_1", "u_1", "office_1", workspaceId: null);
Console.WriteLine($"  conversation without a workspace is a {chat.ThreadKind} thread owned by {chat.OfficeId}");
return 0;
