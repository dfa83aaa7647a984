using Microsoft.Extensions.DependencyInjection;
using Nosis.AgentRuntime.Diagnostics;

namespace Nosis.AgentRuntime.Tests.Diagnostics;

public sealed class SecretRedactorTests
{
    private const string Secret = "sk-redactor-0042-SECRET";

    [Test]
    public void ForSecret_TextWithTheSecretTwice_ReplacesBoth()
    {
        SecretRedactor.ForSecret(Secret).Redact($"a {Secret} b {Secret}").Should().Be("a [redacted] b [redacted]");
    }

    [Test]
    public void ForSecret_NoSecret_LeavesTextAndTurnsNullIntoEmptyOrKeepsIt()
    {
        var redactor = SecretRedactor.ForSecret(null);

        redactor.Redact("plain").Should().Be("plain");
        redactor.Redact(null).Should().BeEmpty();
        redactor.RedactOrNull(null).Should().BeNull();
    }

    [Test]
    public void Redact_RegisteredRedactor_FollowsTheCurrentApiKey()
    {
        var services = new ServiceCollection();
        services.AddNosisAgentRuntime(letta =>
        {
            letta.BaseUrl = new Uri("http://127.0.0.1:1");
            letta.ApiKey = Secret;
        });
        using var provider = services.BuildServiceProvider();

        provider.GetRequiredService<SecretRedactor>().Redact($"key={Secret}").Should().Be("key=[redacted]");
    }
}
