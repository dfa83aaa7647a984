using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Nosis.AgentRuntime.Emulator.Models;

/// <summary>
/// A scripted OpenAI-compatible model for tests: a real Kestrel server on loopback answering <c>GET /v1/models</c> and
/// <c>POST /v1/chat/completions</c> (streamed as OpenAI's chat completions stream, or not), with replies queued first in, first out
/// (<see cref="Enqueue"/>), a default reply when the queue is empty, and the requests it received (<see cref="Requests"/>).
/// Point Letta's App Server at it with <c>letta connect openai-compatible --base-url</c> <see cref="BaseUrl"/>
/// (<see cref="AppServer.LettaAppServerProcess"/> does); the model handle is then <c>openai-compatible/</c><see cref="ModelId"/>.
/// </summary>
/// <remarks>Thread-safe. It needs no API key and ignores any it is sent.</remarks>
public sealed class ScriptedModelServer : IAsyncDisposable
{
    private readonly ScriptedModelOptions _options;
    private readonly ScriptedRequestLog _log = new();
    private readonly CancellationTokenSource _stopping = new();
    private readonly ScriptedModelEndpoint _endpoint;
    private WebApplication? _app;

    private ScriptedModelServer(ScriptedModelOptions options)
    {
        _options = options;
        _endpoint = new ScriptedModelEndpoint(options, _log, _stopping.Token);
    }

    /// <summary>Gets the OpenAI base URL, e.g. <c>http://127.0.0.1:41234/v1</c>.</summary>
    public Uri BaseUrl { get; private set; } = null!;

    /// <summary>Gets the model id the server lists.</summary>
    public string ModelId => _options.ModelId;

    /// <summary>Gets how many replies are queued and not played yet.</summary>
    public int PendingReplies => _endpoint.Replies.Count;

    /// <summary>Gets how many times <c>GET /v1/models</c> was called.</summary>
    public int ModelListCalls => _endpoint.ModelListCalls;

    /// <summary>Gets how many replies ended early because the client closed the connection while they were streaming or held.</summary>
    public int RepliesAbandoned => _endpoint.RepliesAbandoned;

    /// <summary>Gets the chat completions requests received so far, in order of arrival.</summary>
    public IReadOnlyList<ScriptedModelRequest> Requests => _log.Snapshot();

    /// <summary>Starts a scripted model server on 127.0.0.1 at a free port.</summary>
    /// <param name="options">Its model id and default reply; the defaults when <see langword="null"/>.</param>
    /// <param name="cancellationToken">Cancels the start.</param>
    /// <returns>The started server.</returns>
    public static async Task<ScriptedModelServer> StartAsync(ScriptedModelOptions? options = null, CancellationToken cancellationToken = default)
    {
        var server = new ScriptedModelServer(options ?? new ScriptedModelOptions());
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions { ApplicationName = typeof(ScriptedModelServer).Assembly.GetName().Name });
        builder.Logging.ClearProviders();
        builder.Services.AddSingleton<IHostLifetime, PassiveHostLifetime>();
        builder.WebHost.UseKestrelCore();
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            kestrel.Listen(IPAddress.Loopback, 0);
        });
        var app = builder.Build();
        app.Run(server._endpoint.HandleAsync);
        try
        {
            await app.StartAsync(cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            await app.DisposeAsync().ConfigureAwait(false);
            throw;
        }

        server._app = app;
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        server.BaseUrl = new Uri(new Uri(address), "/v1");
        return server;
    }

    /// <summary>Queues a reply: the next request that finds no earlier reply queued gets it.</summary>
    /// <param name="reply">The reply.</param>
    /// <returns>This server.</returns>
    public ScriptedModelServer Enqueue(ScriptedReply reply)
    {
        ArgumentNullException.ThrowIfNull(reply);
        _endpoint.Replies.Enqueue(reply);
        return this;
    }

    /// <summary>Drops every queued reply that was not played, so that the next requests get the default reply.</summary>
    public void ClearReplies() => _endpoint.Replies.Clear();

    /// <summary>Waits until at least <paramref name="count"/> chat completions requests have arrived since the server started.</summary>
    /// <param name="count">How many requests.</param>
    /// <param name="cancellationToken">Ends the wait.</param>
    /// <returns>The requests received so far.</returns>
    public Task<IReadOnlyList<ScriptedModelRequest>> WaitForRequestsAsync(int count, CancellationToken cancellationToken = default) =>
        _log.WaitForAsync(count, cancellationToken);

    /// <summary>Stops the server; replies still streaming or held end at once.</summary>
    /// <returns>A task that completes when the server has stopped.</returns>
    public async ValueTask DisposeAsync()
    {
        if (_stopping.IsCancellationRequested)
        {
            return;
        }

        await _stopping.CancelAsync().ConfigureAwait(false);
        if (_app is not null)
        {
            await _app.StopAsync(CancellationToken.None).ConfigureAwait(false);
            await _app.DisposeAsync().ConfigureAwait(false);
        }
    }
}
