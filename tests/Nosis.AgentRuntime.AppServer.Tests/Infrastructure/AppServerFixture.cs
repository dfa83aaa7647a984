using System.Text.Json.Nodes;
using NUnit.Framework.Interfaces;
using Nosis.AgentRuntime.Emulator.AppServer;
using Nosis.AgentRuntime.Emulator.Models;

namespace Nosis.AgentRuntime.AppServer.Tests.Infrastructure;

/// <summary>
/// One real App Server and one scripted model per test fixture (the start takes about a second, more on a busy machine):
/// the fixture is ignored without Node 24 and letta-code, and fails under CI=true.
/// </summary>
public abstract class AppServerFixture
{
    protected static readonly TimeSpan StepTimeout = TimeSpan.FromSeconds(30);

    private ScriptedModelServer? _model;
    private LettaAppServerProcess? _server;

    protected ScriptedModelServer Model => _model ?? throw new InvalidOperationException("The fixture did not start.");

    protected LettaAppServerProcess Server => _server ?? throw new InvalidOperationException("The fixture did not start.");

    /// <summary>Whether the App Server asks for its capability token.</summary>
    protected virtual bool UseCapabilityToken => false;

    [OneTimeSetUp]
    public async Task StartAppServerAsync()
    {
        var (node, letta) = AppServerInstall.Require();
        using var limit = new CancellationTokenSource(TimeSpan.FromSeconds(120));
        _model = await ScriptedModelServer.StartAsync(cancellationToken: limit.Token);
        _server = await LettaAppServerProcess.StartAsync(
            new LettaAppServerOptions
            {
                NodePath = node,
                LettaScriptPath = letta,
                ModelBaseUrl = _model.BaseUrl,
                ModelId = _model.ModelId,
                UseCapabilityToken = UseCapabilityToken,
            },
            limit.Token);
    }

    [OneTimeTearDown]
    public async Task StopAppServerAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }

        if (_model is not null)
        {
            await _model.DisposeAsync();
        }
    }

    [TearDown]
    public void PrintDiagnosticsOfFailedTest()
    {
        if (_server is not null && TestContext.CurrentContext.Result.Outcome.Status == TestStatus.Failed)
        {
            TestContext.Out.WriteLine("App Server output:\n" + _server.Diagnostics);
        }
    }

    protected Task<AppServerSocket> ConnectAsync(CancellationToken cancellationToken) =>
        AppServerSocket.ConnectAsync(Server.Url, Server.Token, cancellationToken);

    protected static CancellationTokenSource Limit() => new(StepTimeout);

    /// <summary>Creates an agent with the scripted model and starts a runtime on a new conversation; returns its <c>runtime</c> scope.</summary>
    protected async Task<JsonNode> StartRuntimeAsync(AppServerSocket socket, CancellationToken cancellationToken, JsonArray? externalTools = null, string? mode = null)
    {
        var created = await socket.RequestAsync(ProtocolCommands.AgentCreate("turns", Server.ModelHandle, TurnFrames.NewTag()), "agent_create_response", cancellationToken);
        var start = ProtocolCommands.RuntimeStart((string)created["agent"]!["id"]!, externalTools);
        if (mode is not null)
        {
            start["mode"] = mode;
        }

        var started = await socket.RequestAsync(start, "runtime_start_response", cancellationToken);
        ((bool)started["success"]!).Should().BeTrue(because: (string?)started["error"]);
        return started["runtime"]!;
    }
}
