using Nosis.AgentRuntime.Data.Tests.Infrastructure;

namespace Nosis.AgentRuntime.Data.Tests;

[TestFixture(DatabaseKind.Sqlite)]
[TestFixture(DatabaseKind.PostgreSql)]
public sealed class AgentClaimTests(DatabaseKind kind) : DatabaseTest(kind)
{
    [Test]
    public async Task TryClaimAgentIdAsync_ThirtyTwoConcurrentClaims_ExactlyOneWins()
    {
        var conversation = await Database.Conversations.CreateConversationAsync(new NewConversation("user"));
        var instances = Enumerable.Range(0, 4).Select(_ => TestDatabase.Open(Time)).ToList();
        using var start = new ManualResetEventSlim();

        var claims = Enumerable.Range(0, 32).Select(i => Task.Run(async () =>
        {
            start.Wait();
            var agentId = $"agent-{i}";
            return (AgentId: agentId, Won: await instances[i % instances.Count].AgentIds.TryClaimAgentIdAsync(conversation.Id, agentId));
        })).ToList();
        start.Set();
        var results = await Task.WhenAll(claims);

        var winners = results.Where(r => r.Won).ToList();
        winners.Should().ContainSingle();
        (await Database.AgentIds.ReadClaimedAgentIdAsync(conversation.Id)).Should().Be(winners[0].AgentId);
        (await Database.AgentIds.GetAgentIdAsync(conversation.Id)).Should().Be(winners[0].AgentId);
        (await Database.Conversations.GetConversationAsync(conversation.Id))!.AgentId.Should().Be(winners[0].AgentId);
    }

    [Test]
    public async Task TryClaimAgentIdAsync_AlreadyClaimed_FalseAndKeepsTheFirst()
    {
        var conversation = await Database.Conversations.CreateConversationAsync(new NewConversation("user"));

        (await Database.AgentIds.TryClaimAgentIdAsync(conversation.Id, "first")).Should().BeTrue();
        (await Database.AgentIds.TryClaimAgentIdAsync(conversation.Id, "second")).Should().BeFalse();

        (await Database.AgentIds.ReadClaimedAgentIdAsync(conversation.Id)).Should().Be("first");
    }

    [Test]
    public async Task TryClaimAgentIdAsync_MissingConversation_FalseAndNothingRead()
    {
        (await Database.AgentIds.TryClaimAgentIdAsync("missing", "agent")).Should().BeFalse();
        (await Database.AgentIds.GetAgentIdAsync("missing")).Should().BeNull();
        (await Database.AgentIds.ReadClaimedAgentIdAsync("missing")).Should().BeNull();
    }

    [Test]
    public async Task GetAgentIdAsync_Unclaimed_Null()
    {
        var conversation = await Database.Conversations.CreateConversationAsync(new NewConversation("user"));

        (await Database.AgentIds.GetAgentIdAsync(conversation.Id)).Should().BeNull();
    }
}
