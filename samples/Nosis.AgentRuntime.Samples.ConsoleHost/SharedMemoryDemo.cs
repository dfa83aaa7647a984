using Nosis.AgentRuntime.Contracts;
using Nosis.AgentRuntime.Data;
using Nosis.AgentRuntime.Emulator;
using Nosis.AgentRuntime.Letta;
using Nosis.AgentRuntime.Streaming;

namespace Nosis.AgentRuntime.Samples.ConsoleHost;

/// <summary>Conversations mode: two threads of one user share the user's agent (scope User), each in its own Letta conversation.</summary>
/// <remarks>What the first thread writes to the agent's memory, the second thread's agent holds; their histories stay apart.</remarks>
internal static class SharedMemoryDemo
{
    public static async Task<ErrorEvent?> RunAsync(AgentRuntimeDatabase database, OfficeRecord office, AgentChatService chat, ILettaClient letta, LettaEmulator? emulator, string userId)
    {
        Console.WriteLine("Conversations mode: two threads of one user share the user's agent (scope User).");
        var threads = new List<ConversationRuntime>();
        foreach (var title in new[] { "Thread A", "Thread B" })
        {
            var thread = await database.Conversations.CreateConversationAsync(new NewConversation(userId) { Title = title, OfficeId = office.Id });
            threads.Add((await database.Conversations.GetRuntimeAsync(thread.Id))! with { AgentScope = AgentScope.User });
        }

        emulator?.Replies.Enqueue(LettaReply.Create()
            .ServerToolCall("core_memory_append", """{"label":"human","content":"Favourite drink: green tea."}""", "None")
            .Text("Noted: green tea it is.")
            .Build());
        Console.WriteLine("  [Thread A] user › Remember that my favourite drink is green tea.");
        var error = await ReplyPrinter.PrintAsync(chat.StreamAsync(new AgentChatRequest(threads[0], "Remember that my favourite drink is green tea.")));
        if (error is not null)
        {
            return error;
        }

        emulator?.Replies.Enqueue(LettaReply.FromText("Your favourite drink is green tea; it is in my memory of you."));
        Console.WriteLine("  [Thread B] user › What is my favourite drink?");
        await using var second = await chat.StartAsync(new AgentChatRequest(threads[1], "What is my favourite drink?"));
        error = await ReplyPrinter.PrintAsync(second);

        var first = await database.SharedAgents.ReadLettaConversationIdAsync(threads[0].ConversationId);
        var other = await database.SharedAgents.ReadLettaConversationIdAsync(threads[1].ConversationId);
        var agent = await letta.GetAgentAsync(second.AgentId);
        Console.WriteLine($"Both threads use agent {second.AgentId}, in Letta conversations {first} and {other}.");
        if (agent is { Blocks: [] })
        {
            Console.WriteLine("The agent's memory is not readable as blocks here (the App Server keeps it as files on its machine).");
        }
        else
        {
            Console.WriteLine($"The agent's memory seen from Thread B: human = \"{agent?.Blocks.FirstOrDefault(b => b.Label == "human")?.Value ?? "(none)"}\"");
        }
        return error;
    }
}
