using Microsoft.Extensions.Options;
using Moq;
using Nosis.AgentRuntime.Claims;
using Nosis.AgentRuntime.Contracts;
using Nosis.AgentRuntime.Conversations;
using Nosis.AgentRuntime.Diagnostics;
using Nosis.AgentRuntime.Letta;
using Nosis.AgentRuntime.Testing.InMemory;

namespace Nosis.AgentRuntime.Tests.Conversations;

public sealed class SharedScopeSweeperRedactionTests
{
    private const string Password = "url-pass-0f3c9";

    [Test]
    public async Task SweepAsync_DeletionFailsWithTheBaseUrlsCredentialsInItsMessage_ReportsThemRedacted()
    {
        var letta = new Mock<ILettaClient>();
        letta.As<ILettaConversationClient>();
        var orphan = new LettaAgent
        {
            Id = "agent-orphan",
            Tags = [AgentTags.Shared, AgentTags.ForScope(new SharedAgentKey("office_1", "user_1"))],
            CreatedAt = DateTimeOffset.UtcNow - TimeSpan.FromDays(1),
        };
        letta.SetupSequence(l => l.ListAgentsAsync(It.IsAny<LettaAgentListQuery>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync([orphan])
            .ReturnsAsync([]);
        letta.Setup(l => l.DeleteAgentAsync("agent-orphan", It.IsAny<CancellationToken>()))
            .ThrowsAsync(new HttpRequestException($"connection to http://nosis:{Password}@letta.internal:8283 failed"));
        var errors = new InMemoryErrorReporter();
        var options = new LettaOptions { BaseUrl = new Uri($"http://nosis:{Password}@letta.internal:8283"), ApiKey = "sk-sweeper-key" };
        var sweeper = new SharedScopeSweeper(
            letta.Object, new InMemorySharedAgentRegistry(), errors, Options.Create(options), Options.Create(new AgentRuntimeOptions()), new AgentRuntimeTelemetry());

        var result = await sweeper.SweepAsync();

        result.Failed.Should().Be(1);
        errors.Reports.Should().NotBeEmpty();
        errors.Reports.Should().OnlyContain(r => !r.Message.Contains(Password) && !r.Context.Contains(Password));
    }
}
