using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Nosis.AgentRuntime.Claims;
using Nosis.AgentRuntime.Contracts;
using Nosis.AgentRuntime.Diagnostics;
using Nosis.AgentRuntime.Streaming;
using Nosis.AgentRuntime.Emulator;
using Nosis.AgentRuntime.Testing.InMemory;

namespace Nosis.AgentRuntime.Tests.Hosting;

/// <summary>A claim and a streamed turn through the registered services, against the emulator, observed through metrics and logs.</summary>
public sealed class RuntimeTelemetryTests
{
    private const string ApiKey = "sk-telemetry-7a8b9c0d-SECRET";

    [Test]
    public async Task ClaimAndStream_ThroughDependencyInjection_EmitTheInstrumentsAndLogEventsWithoutTheApiKey()
    {
        await using var emulator = await LettaEmulator.StartNewAsync(new LettaEmulatorOptions { ApiKey = ApiKey });
        emulator.Replies.Enqueue(LettaReply.Create().TextTokens("Hi ", "there").Usage(30, 9).Build());
        using var host = BuildHost(emulator.BaseUrl);
        await host.StartAsync();
        var telemetry = host.Services.GetRequiredService<AgentRuntimeTelemetry>();
        using var created = new MetricCollector<long>(telemetry.AgentsCreated);
        using var input = new MetricCollector<long>(telemetry.InputTokens);
        using var output = new MetricCollector<long>(telemetry.OutputTokens);
        using var duration = new MetricCollector<double>(telemetry.StreamDuration);
        using var firstToken = new MetricCollector<double>(telemetry.TimeToFirstToken);
        var registry = (InMemoryAgentIdRegistry)host.Services.GetRequiredService<IAgentIdRegistry>();
        var conversationId = registry.AddConversation();
        var conversation = new ConversationRuntime(conversationId, "u_1", "office_1");

        var events = new List<AgentChatEvent>();
        await foreach (var chatEvent in host.Services.GetRequiredService<AgentChatService>().StreamAsync(new AgentChatRequest(conversation, "Hello")))
        {
            events.Add(chatEvent);
        }

        await host.StopAsync();
        string.Concat(events.OfType<TextDeltaEvent>().Select(e => e.Delta)).Should().Be("Hi there");
        host.Services.GetRequiredService<IAgentIdResolver>().Should().BeOfType<AgentClaimService>();
        created.GetMeasurementSnapshot().Sum(m => m.Value).Should().Be(1);
        input.GetMeasurementSnapshot().Sum(m => m.Value).Should().Be(30);
        output.GetMeasurementSnapshot().Sum(m => m.Value).Should().Be(9);
        duration.GetMeasurementSnapshot().Should().ContainSingle();
        firstToken.GetMeasurementSnapshot().Should().ContainSingle();

        var logs = host.Services.GetFakeLogCollector().GetSnapshot();
        logs.Select(l => l.Id.Id).Should().Contain([2000, 2001], "turn start and end are logged");
        logs.Select(l => l.Id.Id).Should().Contain(id => id >= 1000 && id < 2000, "the claim logs its creation");
        logs.Should().OnlyContain(l => !l.Message.Contains(ApiKey) && (l.Exception == null || !l.Exception.ToString().Contains(ApiKey)));
        ((InMemoryMessageStore)host.Services.GetRequiredService<IMessageStore>()).GetAssistantMessages(conversationId)
            .Should().ContainSingle().Which.Text.Should().Be("Hi there");
    }

    private static IHost BuildHost(Uri lettaUrl)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Logging.ClearProviders();
        builder.Logging.SetMinimumLevel(LogLevel.Trace);
        builder.Logging.AddFakeLogging();
        builder.Services.AddMetrics();
        builder.Services
            .AddNosisAgentRuntime(letta =>
            {
                letta.BaseUrl = lettaUrl;
                letta.ApiKey = ApiKey;
            })
            .UseAgentIdRegistry<InMemoryAgentIdRegistry>()
            .UseMessageStore<InMemoryMessageStore>()
            .UseToolLoader<InMemoryToolLoader>();
        return builder.Build();
    }
}
