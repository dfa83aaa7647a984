using System.Runtime.CompilerServices;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Nosis.AgentRuntime.Contracts;
using Nosis.AgentRuntime.Letta;
using Nosis.AgentRuntime.Streaming;
using Nosis.AgentRuntime.Emulator;
using Nosis.AgentRuntime.Testing.InMemory;
using Nosis.AgentRuntime.Turns;

namespace Nosis.AgentRuntime.Tests.Hosting;

/// <summary>The registered chat service: one shared turn gate, and host layers added through the runtime builder.</summary>
public sealed class TurnLayerRegistrationTests
{
    [Test]
    public async Task AddTurnLayer_HostLayers_SeeTheTurnInOrderAndTheirChangesReachTheConsumerAndTheStore()
    {
        await using var emulator = await LettaEmulator.StartNewAsync();
        emulator.Replies.Enqueue(LettaReply.Create().TextTokens("secret ", "plan").Build());
        var seen = new List<string>();
        using var host = BuildHost(emulator.BaseUrl, builder => builder
            .AddTurnLayer((inner, _) => new UpperCasingLayer(inner, "outer", seen))
            .AddTurnLayer((inner, _) => new UpperCasingLayer(inner, "inner", seen)));
        var registry = (InMemoryAgentIdRegistry)host.Services.GetRequiredService<IAgentIdRegistry>();
        var conversation = new ConversationRuntime(registry.AddConversation(), "u_1", "office_1");

        var events = await host.Services.GetRequiredService<AgentChatService>().StreamAsync(new AgentChatRequest(conversation, "Hello")).ToListAsync();

        seen.Should().Equal("outer", "inner");
        string.Concat(events.OfType<TextDeltaEvent>().Select(e => e.Delta)).Should().Be("SECRET PLAN");
        await host.Services.GetRequiredService<IBackgroundScheduler>().As<InMemoryBackgroundScheduler>().WaitForIdleAsync(TimeSpan.FromSeconds(10));
        host.Services.GetRequiredService<IMessageStore>().As<InMemoryMessageStore>().GetAssistantMessages(conversation.ConversationId)
            .Should().ContainSingle().Which.Text.Should().Be("SECRET PLAN");
    }

    [Test]
    public void AddNosisAgentRuntime_TurnGate_IsOneSingletonSharedByTheChatService()
    {
        using var host = BuildHost(new Uri("http://127.0.0.1:1"), _ => { });

        host.Services.GetRequiredService<ConversationTurnGate>().Should().BeSameAs(host.Services.GetRequiredService<ConversationTurnGate>());
        host.Services.GetRequiredService<AgentChatService>().Should().BeSameAs(host.Services.GetRequiredService<AgentChatService>());
    }

    private static IHost BuildHost(Uri lettaUrl, Action<INosisAgentRuntimeBuilder> configure)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        var runtime = builder.Services
            .AddNosisAgentRuntime(letta => letta.BaseUrl = lettaUrl)
            .UseAgentIdRegistry<InMemoryAgentIdRegistry>()
            .UseMessageStore<InMemoryMessageStore>()
            .UseToolLoader<InMemoryToolLoader>()
            .UseBackgroundScheduler<InMemoryBackgroundScheduler>();
        configure(runtime);
        return builder.Build();
    }

    private sealed class UpperCasingLayer(IChatTurnClient inner, string name, List<string> seen) : DelegatingChatTurnClient(inner)
    {
        public override async IAsyncEnumerable<AgentChatEvent> StreamAsync(
            ChatTurnContext turn, IReadOnlyList<LettaInputItem> input, [EnumeratorCancellation] CancellationToken cancellationToken = default)
        {
            seen.Add(name);
            await foreach (var chatEvent in base.StreamAsync(turn, input, cancellationToken).ConfigureAwait(false))
            {
                yield return chatEvent is TextDeltaEvent text ? text with { Delta = text.Delta.ToUpperInvariant() } : chatEvent;
            }
        }
    }
}
