using System.Net;
using System.Net.WebSockets;
using System.Text.Json.Nodes;
using Nosis.AgentRuntime.AppServer.Tests.Infrastructure;

namespace Nosis.AgentRuntime.AppServer.Tests;

/// <summary>The launcher, against the real App Server started with a capability token.</summary>
public sealed class LettaAppServerProcessTests : AppServerFixture
{
    protected override bool UseCapabilityToken => true;

    [Test]
    public async Task The_ready_and_health_probes_answer_and_a_request_with_an_origin_header_is_refused()
    {
        using var ready = await ChatCompletionsClient.GetAsync(new Uri(Server.HttpUrl, "readyz"), CancellationToken.None);
        using var healthy = await ChatCompletionsClient.GetAsync(new Uri(Server.HttpUrl, "healthz"), CancellationToken.None);
        using var withOrigin = new HttpRequestMessage(HttpMethod.Get, new Uri(Server.HttpUrl, "readyz"));
        withOrigin.Headers.Add("Origin", "http://localhost:3000");
        using var http = new HttpClient(new SocketsHttpHandler { UseProxy = false });
        using var refused = await http.SendAsync(withOrigin);

        ready.StatusCode.Should().Be(HttpStatusCode.OK);
        healthy.StatusCode.Should().Be(HttpStatusCode.OK);
        refused.StatusCode.Should().Be(HttpStatusCode.Forbidden);
    }

    [Test]
    public async Task A_socket_without_the_capability_token_is_refused_with_401()
    {
        using var socket = new ClientWebSocket();
        socket.Options.CollectHttpResponseDetails = true;

        var connect = () => socket.ConnectAsync(Server.Url, CancellationToken.None);

        await connect.Should().ThrowAsync<WebSocketException>();
        socket.HttpStatusCode.Should().Be(HttpStatusCode.Unauthorized);
    }

    [Test]
    public async Task A_socket_with_the_capability_token_is_answered()
    {
        using var limit = Limit();
        await using var socket = await ConnectAsync(limit.Token);

        var listed = await socket.RequestAsync(ProtocolCommands.AgentList("nosis-nothing-tagged-so"), "agent_list_response", limit.Token);

        ((bool)listed["success"]!).Should().BeTrue();
    }

    [Test]
    public async Task The_token_is_on_no_command_line_and_in_no_diagnostics_line()
    {
        Server.Token.Should().MatchRegex("^[0-9a-f]{64}$");

        var commandLine = await File.ReadAllTextAsync($"/proc/{Server.ProcessId}/cmdline");

        commandLine.Should().Contain("--ws-token-file").And.NotContain(Server.Token!);
        Server.Diagnostics.Should().Contain("Listening on").And.NotContain(Server.Token!);
    }

    [Test]
    public async Task The_app_server_gets_none_of_the_host_environment_but_path_and_lang()
    {
        var environ = await File.ReadAllTextAsync($"/proc/{Server.ProcessId}/environ");

        var names = environ.Split('\0', StringSplitOptions.RemoveEmptyEntries).Select(v => v[..v.IndexOf('=', StringComparison.Ordinal)]);

        names.Should().BeSubsetOf(["PATH", "LANG", "HOME", "TMPDIR", "NO_PROXY", "LETTA_CODE_TELEM", "DO_NOT_TRACK", "DISABLE_AUTOUPDATER", "LETTA_DISABLE_LSP_DOWNLOAD"]);
        environ.Should().Contain("HOME=" + Server.HomeDirectory);
    }

    [Test]
    public async Task The_model_provider_points_at_the_scripted_model_and_the_handle_names_it()
    {
        var providers = JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(Server.HomeDirectory, ".letta", "lc-local-backend", "providers", "auth.json")))!;

        ((string?)providers["providers"]!["openai-compatible"]!["base_url"]).Should().Be(Model.BaseUrl.AbsoluteUri.TrimEnd('/'));
        Server.ModelHandle.Should().Be("openai-compatible/scripted");
        Server.Url.Should().Be(new Uri($"ws://127.0.0.1:{Server.Url.Port}/ws"));
    }

    [Test]
    [Order(int.MaxValue)]
    public async Task A_restart_keeps_the_port_and_the_agents()
    {
        using var limit = new CancellationTokenSource(TimeSpan.FromSeconds(90));
        var tag = "nosis-restart-" + Guid.NewGuid().ToString("N")[..8];
        await using (var before = await ConnectAsync(limit.Token))
        {
            await before.RequestAsync(ProtocolCommands.AgentCreate("survivor", Server.ModelHandle, tag), "agent_create_response", limit.Token);
        }

        var url = Server.Url;
        var oldProcess = Server.ProcessId;
        await Server.RestartAsync(limit.Token);
        await using var after = await ConnectAsync(limit.Token);
        var listed = await after.RequestAsync(ProtocolCommands.AgentList(tag), "agent_list_response", limit.Token);

        Server.Url.Should().Be(url);
        Server.ProcessId.Should().NotBe(oldProcess);
        listed["agents"]!.AsArray().Should().ContainSingle();
    }
}
