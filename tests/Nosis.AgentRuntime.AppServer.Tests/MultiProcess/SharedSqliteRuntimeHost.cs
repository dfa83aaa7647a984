using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Nosis.AgentRuntime.Data;
using Nosis.AgentRuntime.Emulator.AppServer;
using Nosis.AgentRuntime.Streaming;

namespace Nosis.AgentRuntime.AppServer.Tests.MultiProcess;

/// <summary>
/// A host in this test process with the runtime on the App Server backend and the SQL stores of a shared SQLite file, wired as the
/// race worker wires its own: the other process of a multi-process test.
/// </summary>
internal sealed class SharedSqliteRuntimeHost : IAsyncDisposable
{
    private readonly IHost _host;

    private SharedSqliteRuntimeHost(IHost host)
    {
        _host = host;
    }

    /// <summary>Gets the host's chat service.</summary>
    public AgentChatService Chat => _host.Services.GetRequiredService<AgentChatService>();

    /// <summary>Builds and starts the host.</summary>
    public static async Task<SharedSqliteRuntimeHost> StartAsync(SharedSqliteFile database, LettaAppServerProcess server, CancellationToken cancellationToken)
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Services.AddSingleton(database.Database);
        builder.Services
            .AddNosisAgentRuntime(_ => { }, runtime => runtime.TurnWaitTimeout = TimeSpan.FromSeconds(30))
            .UseAgentIdRegistry<SqlAgentIdRegistry>()
            .UseMessageStore<SqlMessageStore>()
            .UseTurnLeaseStore<SqlTurnLeaseStore>()
            .UseToolLoader<NoToolsLoader>()
            .AddAppServerBackend(appServer =>
            {
                appServer.Url = server.Url;
                appServer.Model = server.ModelHandle;
            });
        var host = builder.Build();
        await host.StartAsync(cancellationToken);
        return new SharedSqliteRuntimeHost(host);
    }

    /// <inheritdoc/>
    public async ValueTask DisposeAsync()
    {
        await _host.StopAsync();
        _host.Dispose();
    }
}
