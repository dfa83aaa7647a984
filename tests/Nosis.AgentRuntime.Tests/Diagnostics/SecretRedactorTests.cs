using Microsoft.Extensions.DependencyInjection;
using Nosis.AgentRuntime.Diagnostics;
using Nosis.AgentRuntime.Letta;

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

    [Test]
    public void Redact_BaseUrlWithUserInfo_HidesTheUserInfoAndEachPartEscapedOrNot()
    {
        var redactor = SecretRedactor.ForOptions(new LettaOptions { BaseUrl = new Uri("https://ops:p%40ss-9931@letta.internal:8283/"), ApiKey = Secret });

        var text = redactor.Redact($"GET https://ops:p%40ss-9931@letta.internal:8283/v1/agents failed; password p@ss-9931, user ops, key {Secret}");

        text.Should().NotContain("p%40ss-9931").And.NotContain("p@ss-9931").And.NotContain(Secret).And.NotContain("ops:");
        text.Should().Contain("letta.internal:8283").And.Contain("user ops", "a user name alone is no credential, and hiding it would cut words");
    }

    [Test]
    public void Redact_RegisteredRedactor_FollowsTheUserInfoOfTheCurrentBaseUrl()
    {
        var services = new ServiceCollection();
        services.AddNosisAgentRuntime(letta => letta.BaseUrl = new Uri("http://admin:hunter2-secret@127.0.0.1:1"));
        using var provider = services.BuildServiceProvider();

        provider.GetRequiredService<SecretRedactor>().Redact("could not reach admin:hunter2-secret@127.0.0.1:1").Should().Be("could not reach [redacted]@127.0.0.1:1");
    }

    [Test]
    public void LettaOptionsToString_BaseUrlWithCredentials_ShowsTheServerButNotTheCredentials()
    {
        var options = new LettaOptions { BaseUrl = new Uri("https://ops:hunter2-secret@letta.internal:8283/base?x=1"), ApiKey = Secret };

        var shown = options.ToString();

        shown.Should().NotContain("hunter2-secret").And.NotContain("ops").And.NotContain(Secret);
        shown.Should().Contain("https://[redacted]@letta.internal:8283/base?x=1").And.Contain("ApiKey = (redacted)");
        new LettaOptions { BaseUrl = new Uri("http://localhost:8283") }.ToString().Should().Contain("BaseUrl = http://localhost:8283/");
    }
}
