using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Nosis.AgentRuntime.Execution;
using Nosis.AgentRuntime.Hosting;
using Nosis.AgentRuntime.Letta;

namespace Nosis.AgentRuntime.Tests.Hosting;

public sealed class OptionsValidationTests
{
    private static readonly TestCaseData[] BadLettaSettings =
    [
        Letta(options => options.BaseUrl = null, "Letta:BaseUrl is required: the address of the Letta server, e.g. http://localhost:8283.").SetName("BaseUrl missing"),
        Letta(options => options.BaseUrl = new Uri("/letta", UriKind.Relative), "Letta:BaseUrl must be an absolute URL").SetName("BaseUrl relative"),
        Letta(options => options.BaseUrl = new Uri("ftp://letta.example"), "Letta:BaseUrl must use http or https").SetName("BaseUrl not http"),
        Letta(options => options.BaseUrl = new Uri("http://localhost:8283/v1"), "Letta:BaseUrl must not contain /v1").SetName("BaseUrl with v1"),
        Letta(options => options.BaseUrl = new Uri("https://letta.example/api/V1/"), "Letta:BaseUrl must not contain /v1").SetName("BaseUrl with V1 slash"),
        Letta(options => options.RequestTimeout = TimeSpan.Zero, "Letta:RequestTimeout must be a positive duration").SetName("RequestTimeout zero"),
        Letta(options => options.RequestTimeout = TimeSpan.FromSeconds(-1), "Letta:RequestTimeout must be a positive duration").SetName("RequestTimeout negative"),
        Letta(options => options.StreamIdleTimeout = TimeSpan.Zero, "Letta:StreamIdleTimeout must be a positive duration").SetName("StreamIdleTimeout zero"),
        Letta(options => options.MaxRetries = -1, "Letta:MaxRetries must be zero or more").SetName("MaxRetries negative"),
        Letta(options => options.RetryBaseDelay = TimeSpan.FromMilliseconds(-1), "Letta:RetryBaseDelay must not be negative").SetName("RetryBaseDelay negative"),
        Letta(options => options.MaxRetryDelay = TimeSpan.Zero, "Letta:MaxRetryDelay must be a positive duration").SetName("MaxRetryDelay zero"),
        Letta(
            options =>
            {
                options.RetryBaseDelay = TimeSpan.FromSeconds(10);
                options.MaxRetryDelay = TimeSpan.FromSeconds(1);
            },
            "Letta:RetryBaseDelay (00:00:10) must not be longer than Letta:MaxRetryDelay (00:00:01)").SetName("Retry delays inverted"),
    ];

    private static readonly TestCaseData[] BadRuntimeSettings =
    [
        Runtime(options => options.Surface = (ExecutionSurface)42, "Runtime:Surface has the unknown value 42; use one of Worker, Web, Desktop.").SetName("Surface unknown"),
        Runtime(options => options.MaxToolSteps = 0, "Runtime:MaxToolSteps must be at least 1").SetName("MaxToolSteps zero"),
        Runtime(options => options.MaxPersistedTextLength = 999, "Runtime:MaxPersistedTextLength must be at least 1000").SetName("MaxPersistedTextLength small"),
        Runtime(options => options.StreamBufferCapacity = 0, "Runtime:StreamBufferCapacity must be at least 1").SetName("StreamBufferCapacity zero"),
        Runtime(options => options.TurnWaitTimeout = TimeSpan.Zero, "Runtime:TurnWaitTimeout must be a positive duration").SetName("TurnWaitTimeout zero"),
        Runtime(options => options.TurnLeaseDuration = TimeSpan.FromSeconds(-5), "Runtime:TurnLeaseDuration must be a positive duration").SetName("TurnLeaseDuration negative"),
        Runtime(options => options.OrphanGracePeriod = TimeSpan.FromMinutes(-1), "Runtime:OrphanGracePeriod must not be negative").SetName("OrphanGracePeriod negative"),
    ];

    private static readonly TestCaseData[] BadSchedulerSettings =
    [
        Scheduler(options => options.Capacity = 0, "BackgroundScheduler:Capacity must be at least 1").SetName("Capacity zero"),
        Scheduler(options => options.Concurrency = 0, "BackgroundScheduler:Concurrency must be at least 1").SetName("Concurrency zero"),
        Scheduler(options => options.DrainTimeout = TimeSpan.Zero, "BackgroundScheduler:DrainTimeout must be a positive duration or infinite").SetName("DrainTimeout zero"),
    ];

    [TestCaseSource(nameof(BadLettaSettings))]
    [TestCaseSource(nameof(BadRuntimeSettings))]
    [TestCaseSource(nameof(BadSchedulerSettings))]
    public async Task StartAsync_BadSetting_FailsNamingTheSettingWithoutTheKey(Action<IServiceCollection> misconfigure, string expected)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Services.AddNosisAgentRuntime(options =>
        {
            options.BaseUrl = TestHost.BaseUrl;
            options.ApiKey = TestHost.ApiKey;
        });
        misconfigure(builder.Services);
        using var host = builder.Build();

        var start = () => host.StartAsync();

        var failure = (await start.Should().ThrowAsync<OptionsValidationException>()).Which;
        failure.Message.Should().Contain(expected);
        failure.Failures.Should().ContainSingle();
        failure.ToString().Should().NotContain(TestHost.ApiKey);
    }

    [Test]
    public async Task StartAsync_DefaultsWithBaseUrl_Starts()
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Services.AddNosisAgentRuntime(options => options.BaseUrl = new Uri("https://api.letta.com"));
        using var host = builder.Build();

        await host.StartAsync();
        await host.StopAsync();

        host.Services.GetRequiredService<IOptions<LettaOptions>>().Value.BaseUrl.Should().Be(new Uri("https://api.letta.com"));
    }

    [Test]
    public void Validate_EveryLettaSettingBad_ListsEachSettingAndNeverTheKey()
    {
        var options = new LettaOptions
        {
            BaseUrl = new Uri($"http://user:{TestHost.ApiKey}@localhost:8283/v1"),
            ApiKey = TestHost.ApiKey,
            RequestTimeout = TimeSpan.Zero,
            StreamIdleTimeout = TimeSpan.Zero,
            MaxRetries = -1,
            RetryBaseDelay = TimeSpan.FromSeconds(-1),
            MaxRetryDelay = TimeSpan.Zero,
        };

        var result = new LettaOptionsValidator().Validate(Options.DefaultName, options);

        result.Failed.Should().BeTrue();
        result.Failures.Should().HaveCount(6);
        result.FailureMessage.Should().NotContain(TestHost.ApiKey);
    }

    [Test]
    public void LettaOptionsToString_WithKey_NeverShowsIt()
    {
        var options = new LettaOptions { BaseUrl = TestHost.BaseUrl, ApiKey = TestHost.ApiKey };

        options.ToString().Should().NotContain(TestHost.ApiKey).And.Contain("(redacted)");
    }

    private static TestCaseData Letta(Action<LettaOptions> misconfigure, string expected) =>
        new((Action<IServiceCollection>)(services => services.Configure(misconfigure)), expected);

    private static TestCaseData Runtime(Action<AgentRuntimeOptions> misconfigure, string expected) =>
        new((Action<IServiceCollection>)(services => services.Configure(misconfigure)), expected);

    private static TestCaseData Scheduler(Action<BackgroundSchedulerOptions> misconfigure, string expected) =>
        new((Action<IServiceCollection>)(services => services.Configure(misconfigure)), expected);
}
