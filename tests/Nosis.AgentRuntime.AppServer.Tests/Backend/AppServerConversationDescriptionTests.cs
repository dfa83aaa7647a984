using Nosis.AgentRuntime.Letta;

namespace Nosis.AgentRuntime.AppServer.Tests.Backend;

/// <summary>
/// A conversation's description survives the App Server, whose local backend keeps none: the shared scopes' claim adopts a
/// conversation whose create answer was lost, and their sweeper finds orphans, by the runtime's marker in the description.
/// </summary>
public sealed class AppServerConversationDescriptionTests : AppServerClientFixture
{
    [Test]
    public async Task A_conversations_description_is_read_back_by_retrieve_and_by_list()
    {
        using var limit = Limit();
        var agent = await Client.CreateAgentAsync(new LettaCreateAgentRequest { Tags = [NewTag()] }, limit.Token);
        const string Marker = "nosis-runtime nosis-creation:c1 nosis-conversation:thread-1";

        var created = await Client.CreateConversationAsync(agent.Id, new LettaCreateConversationRequest { Description = Marker }, limit.Token);
        var plain = await Client.CreateConversationAsync(agent.Id, new LettaCreateConversationRequest(), limit.Token);
        var read = await Client.GetConversationAsync(created.Id, limit.Token);
        var listed = await Client.ListConversationsAsync(new LettaConversationListQuery(agent.Id), limit.Token);

        created.Description.Should().Be(Marker);
        read!.Description.Should().Be(Marker);
        listed.Should().Contain(c => c.Id == created.Id).Which.Description.Should().Be(Marker);
        listed.Should().Contain(c => c.Id == plain.Id).Which.Description.Should().BeNull();
        await Client.DeleteAgentAsync(agent.Id, limit.Token);
    }
}
