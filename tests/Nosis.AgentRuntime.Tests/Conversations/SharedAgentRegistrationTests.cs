using Microsoft.Extensions.DependencyInjection;
using Nosis.AgentRuntime.Claims;
using Nosis.AgentRuntime.Contracts;
using Nosis.AgentRuntime.Conversations;
using Nosis.AgentRuntime.Testing.InMemory;
using Nosis.AgentRuntime.Tests.Hosting;

namespace Nosis.AgentRuntime.Tests.Conversations;

public sealed class SharedAgentRegistrationTests
{
    [Test]
    public void UseSharedAgentRegistry_ResolvesTurnsThroughTheScopedClaimAndSweepsTheSharedScopes()
    {
        var services = new ServiceCollection();
        services.AddNosisAgentRuntime(options => options.BaseUrl = TestHost.BaseUrl).UseAgentIdRegistry<InMemoryAgentIdRegistry>().UseSharedAgentRegistry<InMemorySharedAgentRegistry>();
        using var provider = services.BuildServiceProvider();

        provider.GetRequiredService<IAgentIdResolver>().Should().BeOfType<ScopedAgentClaimService>();
        provider.GetRequiredService<SharedScopeSweeper>().Should().NotBeNull();
    }

    [Test]
    public async Task WithoutSharedAgentRegistry_ASharedScopeConversation_FailsWithAClearErrorNamingTheFix()
    {
        var services = new ServiceCollection();
        services.AddNosisAgentRuntime(options => options.BaseUrl = TestHost.BaseUrl).UseAgentIdRegistry<InMemoryAgentIdRegistry>();
        await using var provider = services.BuildServiceProvider();
        var resolver = provider.GetRequiredService<IAgentIdResolver>();

        resolver.Should().BeOfType<AgentClaimService>();
        var act = () => resolver.ResolveTargetAsync(new ConversationRuntime("c1", "u1", "o1") { AgentScope = AgentScope.User });
        (await act.Should().ThrowAsync<NotSupportedException>()).Which.Message.Should().Contain("UseSharedAgentRegistry");
    }
}
