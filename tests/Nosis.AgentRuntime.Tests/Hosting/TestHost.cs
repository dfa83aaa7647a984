using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Nosis.AgentRuntime.Hosting;

namespace Nosis.AgentRuntime.Tests.Hosting;

/// <summary>Builds real Generic Hosts with the runtime, fake logging and a recording error reporter.</summary>
internal static class TestHost
{
    public const string ApiKey = "sk-test-SECRET-123";

    public static readonly Uri BaseUrl = new("http://127.0.0.1:8283");

    public static IHost Build(Action<BackgroundSchedulerOptions>? configureScheduler = null, Action<IServiceCollection>? configureServices = null)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Logging.ClearProviders();
        builder.Logging.SetMinimumLevel(LogLevel.Debug);
        builder.Logging.AddFakeLogging();
        builder.Services.Configure<HostOptions>(options => options.ShutdownTimeout = TimeSpan.FromSeconds(15));
        builder.Services
            .AddNosisAgentRuntime(letta =>
            {
                letta.BaseUrl = BaseUrl;
                letta.ApiKey = ApiKey;
            })
            .ConfigureBackgroundScheduler(configureScheduler ?? (_ => { }))
            .UseErrorReporter<RecordingErrorReporter>();
        configureServices?.Invoke(builder.Services);
        return builder.Build();
    }

    public static RecordingErrorReporter Reporter(this IHost host) =>
        (RecordingErrorReporter)host.Services.GetRequiredService<Nosis.AgentRuntime.Contracts.IErrorReporter>();
}
