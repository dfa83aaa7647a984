using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Nosis.AgentRuntime.Contracts;
using Nosis.AgentRuntime.Diagnostics;
using Nosis.AgentRuntime.Execution;
using Nosis.AgentRuntime.Hosting;
using Nosis.AgentRuntime.Letta;

namespace Nosis.AgentRuntime.Tests.Hosting;

public sealed class NosisAgentRuntimeServiceCollectionExtensionsTests
{
    [Test]
    public void AddNosisAgentRuntime_Defaults_RegistersSchedulerReporterTelemetryAndClock()
    {
        using var provider = NewServices().BuildServiceProvider();

        provider.GetRequiredService<IBackgroundScheduler>().Should().BeOfType<ChannelBackgroundScheduler>();
        provider.GetRequiredService<IErrorReporter>().Should().BeOfType<LoggingErrorReporter>();
        provider.GetRequiredService<TimeProvider>().Should().BeSameAs(TimeProvider.System);
        provider.GetRequiredService<AgentRuntimeTelemetry>().Meter.Name.Should().Be(AgentRuntimeTelemetry.Name);
        provider.GetServices<IHostedService>().Select(s => s.GetType())
            .Should().BeEquivalentTo([typeof(BackgroundSchedulerHostedService), typeof(OrphanSweepHostedService), typeof(TurnReconcilerHostedService)]);
    }

    [Test]
    public async Task AddNosisAgentRuntime_CalledTwice_RegistersEachServiceOnceAndHostRuns()
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Services.AddNosisAgentRuntime(options => options.BaseUrl = TestHost.BaseUrl);
        builder.Services.AddNosisAgentRuntime(options => options.BaseUrl = TestHost.BaseUrl);
        using var host = builder.Build();

        host.Services.GetServices<IHostedService>().OfType<BackgroundSchedulerHostedService>().Should().ContainSingle();
        host.Services.GetServices<IBackgroundScheduler>().Should().ContainSingle();
        host.Services.GetServices<IErrorReporter>().Should().ContainSingle();
        host.Services.GetServices<IValidateOptions<LettaOptions>>().Should().ContainSingle();
        host.Services.GetServices<IValidateOptions<AgentRuntimeOptions>>().Should().ContainSingle();
        await host.StartAsync();
        var ran = false;
        await host.Services.GetRequiredService<IBackgroundScheduler>().ScheduleAsync(new BackgroundWork("work", "item=1", _ =>
        {
            ran = true;
            return Task.CompletedTask;
        }));
        await host.StopAsync();
        ran.Should().BeTrue();
    }

    [Test]
    public void UseMethods_EachRole_ReplaceTheRegistration()
    {
        var services = new ServiceCollection();
        services.AddNosisAgentRuntime(options => options.BaseUrl = TestHost.BaseUrl)
            .UseAgentIdRegistry<FakeAgentIdRegistry>()
            .UseMessageStore<FakeMessageStore>()
            .UseToolLoader<FakeToolLoader>()
            .UseTurnLeaseStore<FakeTurnLeaseStore>()
            .UseBackgroundScheduler<ImmediateBackgroundScheduler>()
            .UseErrorReporter<RecordingErrorReporter>();
        using var provider = services.BuildServiceProvider();

        provider.GetRequiredService<IAgentIdRegistry>().Should().BeOfType<FakeAgentIdRegistry>();
        provider.GetRequiredService<IMessageStore>().Should().BeOfType<FakeMessageStore>();
        provider.GetRequiredService<IToolLoader>().Should().BeOfType<FakeToolLoader>();
        provider.GetRequiredService<ITurnLeaseStore>().Should().BeOfType<FakeTurnLeaseStore>();
        provider.GetServices<IBackgroundScheduler>().Should().ContainSingle().Which.Should().BeOfType<ImmediateBackgroundScheduler>();
        provider.GetServices<IErrorReporter>().Should().ContainSingle().Which.Should().BeOfType<RecordingErrorReporter>();
    }

    [Test]
    public void UseErrorReporter_ThenAddNosisAgentRuntimeAgain_KeepsTheHostsReporter()
    {
        var services = new ServiceCollection();
        services.AddNosisAgentRuntime(options => options.BaseUrl = TestHost.BaseUrl).UseErrorReporter<RecordingErrorReporter>();
        services.AddNosisAgentRuntime(options => options.BaseUrl = TestHost.BaseUrl);
        using var provider = services.BuildServiceProvider();

        provider.GetServices<IErrorReporter>().Should().ContainSingle().Which.Should().BeOfType<RecordingErrorReporter>();
    }

    [Test]
    public void UseAdapter_OneAdapter_ServesAllFiveRolesAsOneSingleton()
    {
        var services = new ServiceCollection();
        services.AddNosisAgentRuntime(options => options.BaseUrl = TestHost.BaseUrl).UseAdapter<FakeRuntimeAdapter>();
        using var provider = services.BuildServiceProvider();

        var adapter = provider.GetRequiredService<FakeRuntimeAdapter>();
        provider.GetRequiredService<IAgentIdRegistry>().Should().BeSameAs(adapter);
        provider.GetRequiredService<IMessageStore>().Should().BeSameAs(adapter);
        provider.GetRequiredService<IToolLoader>().Should().BeSameAs(adapter);
        provider.GetServices<IBackgroundScheduler>().Should().ContainSingle().Which.Should().BeSameAs(adapter);
        provider.GetServices<IErrorReporter>().Should().ContainSingle().Which.Should().BeSameAs(adapter);
    }

    [Test]
    public void AddNosisAgentRuntime_FromConfiguration_BindsAllThreeSections()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["AgentRuntime:Letta:BaseUrl"] = "https://letta.example",
            ["AgentRuntime:Letta:ApiKey"] = TestHost.ApiKey,
            ["AgentRuntime:Letta:RequestTimeout"] = "00:00:12",
            ["AgentRuntime:Letta:MaxRetries"] = "5",
            ["AgentRuntime:Letta:ProjectId"] = "project-1",
            ["AgentRuntime:Runtime:Surface"] = "Desktop",
            ["AgentRuntime:Runtime:MaxToolSteps"] = "3",
            ["AgentRuntime:Runtime:TurnWaitTimeout"] = "00:00:05",
            ["AgentRuntime:Runtime:AgentModel"] = "openai/gpt-4o-mini",
            ["AgentRuntime:BackgroundScheduler:Concurrency"] = "2",
            ["AgentRuntime:BackgroundScheduler:Capacity"] = "16",
            ["AgentRuntime:BackgroundScheduler:DrainTimeout"] = "00:00:07",
        }).Build();
        var services = new ServiceCollection();

        services.AddNosisAgentRuntime(configuration.GetSection("AgentRuntime"));
        using var provider = services.BuildServiceProvider();

        provider.GetRequiredService<IOptions<LettaOptions>>().Value.Should().BeEquivalentTo(new
        {
            BaseUrl = new Uri("https://letta.example"),
            ApiKey = TestHost.ApiKey,
            RequestTimeout = TimeSpan.FromSeconds(12),
            MaxRetries = 5,
            ProjectId = "project-1",
        });
        provider.GetRequiredService<IOptions<AgentRuntimeOptions>>().Value.Should().BeEquivalentTo(new
        {
            Surface = ExecutionSurface.Desktop,
            MaxToolSteps = 3,
            TurnWaitTimeout = TimeSpan.FromSeconds(5),
            AgentModel = "openai/gpt-4o-mini",
        });
        provider.GetRequiredService<IOptions<BackgroundSchedulerOptions>>().Value.Should().BeEquivalentTo(new BackgroundSchedulerOptions
        {
            Concurrency = 2,
            Capacity = 16,
            DrainTimeout = TimeSpan.FromSeconds(7),
        });
    }

    [Test]
    public async Task AddNosisAgentRuntime_ConfigurationWithoutBaseUrl_FailsAtStartNamingTheKey()
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { ["AgentRuntime:Letta:ApiKey"] = TestHost.ApiKey });
        builder.Services.AddNosisAgentRuntime(builder.Configuration.GetSection("AgentRuntime"));
        using var host = builder.Build();

        var start = () => host.StartAsync();

        (await start.Should().ThrowAsync<OptionsValidationException>())
            .Which.Message.Should().Contain("Letta:BaseUrl is required").And.NotContain(TestHost.ApiKey);
    }

    [Test]
    public async Task DefaultErrorReporter_Report_LogsARedactedWarning()
    {
        using var host = BuildHostWithDefaultReporter();
        var reporter = host.Services.GetRequiredService<IErrorReporter>();

        await reporter.ReportAsync(new ErrorReport("persist-assistant", $"Upstream said Bearer {TestHost.ApiKey}", "conversation=c-1")
        {
            ErrorType = "HttpRequestException",
        });

        var record = host.Services.GetFakeLogCollector().GetSnapshot().Should().ContainSingle(log => log.Id.Id == 3009).Subject;
        record.Level.Should().Be(LogLevel.Warning);
        record.Message.Should().Be("Error in persist-assistant (conversation=c-1): HttpRequestException: Upstream said Bearer [redacted]");
    }

    [Test]
    public void SecretRedactor_TextWithKey_ReplacesEveryOccurrence()
    {
        using var host = BuildHostWithDefaultReporter();
        var redactor = host.Services.GetRequiredService<SecretRedactor>();

        redactor.Redact($"{TestHost.ApiKey} and again {TestHost.ApiKey}.").Should().Be("[redacted] and again [redacted].");
        redactor.Redact("nothing secret").Should().Be("nothing secret");
    }

    [Test]
    public void SecretRedactor_InvalidLettaOptions_WithholdsTheText()
    {
        var services = new ServiceCollection();
        services.AddNosisAgentRuntime(options => options.ApiKey = TestHost.ApiKey);
        using var provider = services.BuildServiceProvider();

        provider.GetRequiredService<SecretRedactor>().Redact($"key {TestHost.ApiKey}").Should().NotContain(TestHost.ApiKey).And.StartWith("[redacted");
    }

    private static ServiceCollection NewServices()
    {
        var services = new ServiceCollection();
        services.AddNosisAgentRuntime(options => options.BaseUrl = TestHost.BaseUrl);
        return services;
    }

    private static IHost BuildHostWithDefaultReporter()
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Logging.ClearProviders();
        builder.Logging.AddFakeLogging();
        builder.Services.AddNosisAgentRuntime(options =>
        {
            options.BaseUrl = TestHost.BaseUrl;
            options.ApiKey = TestHost.ApiKey;
        });
        return builder.Build();
    }
}
