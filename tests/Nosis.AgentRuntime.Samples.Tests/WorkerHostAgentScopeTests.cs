using Nosis.AgentRuntime.Samples.Tests.Infrastructure;
using Nosis.AgentRuntime.Emulator;

namespace Nosis.AgentRuntime.Samples.Tests;

/// <summary>The worker host sample with <c>Conversations:AgentScope = User</c>: a user's conversations share one agent, each in its own Letta conversation.</summary>
[NonParallelizable]
public sealed class WorkerHostAgentScopeTests
{
    private const string AliceToken = "alice-token";

    [Test]
    public async Task Chat_InUserScope_TwoConversationsOfOneUserShareOneAgentInTwoLettaConversations()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseKind.Sqlite);
        await using var emulator = await LettaEmulator.StartNewAsync();
        await using var worker = await WorkerHostProcess.StartAsync(new Dictionary<string, string>(database.Environment)
        {
            ["Letta__BaseUrl"] = emulator.BaseUrl.ToString(),
            [$"Auth__Tokens__{AliceToken}"] = "alice",
            ["Conversations__AgentScope"] = "User",
        });
        using var alice = new WorkerClient(worker.BaseUrl, AliceToken);

        var ids = new List<string>();
        foreach (var title in new[] { "First", "Second" })
        {
            var id = (await alice.CreateConversationAsync(new { title })).GetProperty("id").GetString()!;
            var chat = await alice.PostAsync($"/api/conversations/{id}/chat", new { content = $"Hello from {title}" });
            chat.Status.Should().Be(System.Net.HttpStatusCode.OK, chat.Text);
            chat.Text.Should().Contain($"Echo: Hello from {title}".Split(' ')[0]);
            ids.Add(id);
        }

        var agent = emulator.LiveAgents().Should().ContainSingle("both of alice's conversations use her agent").Subject;
        agent.Tags.Should().Contain("nosis-shared");
        var conversations = emulator.LiveConversations();
        conversations.Should().HaveCount(2).And.OnlyContain(c => c.AgentId == agent.Id);
        // A background run is recorded as a send once its play has ended, which may be just after the reply's last frame.
        for (var i = 0; i < 100 && conversations.Any(c => emulator.SendsTo(c.Id).Count == 0); i++)
        {
            await Task.Delay(50);
        }

        conversations.Select(c => emulator.SendsTo(c.Id).Count).Should().Equal([1, 1], "each conversation got its one message");
    }
}
