using Microsoft.Extensions.Options;
using Nosis.AgentRuntime.AppServer.Tests.Infrastructure;

namespace Nosis.AgentRuntime.AppServer.Tests.Backend;

/// <summary>A real App Server with the scripted model, and the runtime's <see cref="AppServerLettaClient"/> connected to it.</summary>
public abstract class AppServerClientFixture : AppServerFixture
{
    private AppServerLettaClient? _client;

    protected AppServerLettaClient Client => _client ?? throw new InvalidOperationException("The fixture did not start.");

    [OneTimeSetUp]
    public void CreateClient() => _client = new AppServerLettaClient(Options.Create(ClientOptions()));

    [OneTimeTearDown]
    public async Task DisposeClientAsync()
    {
        if (_client is not null)
        {
            await _client.DisposeAsync();
        }
    }

    [SetUp]
    public void ClearScriptedReplies() => Model.ClearReplies();

    protected AppServerOptions ClientOptions() => new() { Url = Server.Url, Model = Server.ModelHandle, RequestTimeout = TimeSpan.FromSeconds(20), TurnIdleTimeout = TimeSpan.FromSeconds(30) };

    protected static string NewTag() => "nosis-test:" + Guid.NewGuid().ToString("N")[..12];
}
