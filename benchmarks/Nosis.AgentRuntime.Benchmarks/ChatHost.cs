using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Nosis.AgentRuntime.Contracts;
using Nosis.AgentRuntime.Streaming;

namespace Nosis.AgentRuntime.Benchmarks;

/// <summary>
/// A minimal worker-shaped host on loopback: <c>POST /chat/{conversationId}</c> runs a turn through
/// <see cref="AgentChatService"/> and streams it as the AI SDK UI message stream, flushed per event; <c>GET /memory</c> answers the
/// process's <see cref="HeldMemory"/> after a full collection.
/// </summary>
/// <remarks>Stands in for the worker sample (written separately) so the load figures measure the runtime, not the sample's extras.</remarks>
public sealed class ChatHost : IAsyncDisposable
{
    private readonly WebApplication _app;

    private ChatHost(WebApplication app, Uri baseUrl)
    {
        _app = app;
        BaseUrl = baseUrl;
    }

    public Uri BaseUrl { get; }

    public static async Task<ChatHost> StartAsync(AgentChatService chat)
    {
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrelCore();
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            kestrel.Listen(IPAddress.Loopback, 0);
        });
        var app = builder.Build();
        app.Run(context => HandleAsync(context, chat));
        await app.StartAsync().ConfigureAwait(false);
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new ChatHost(app, new Uri(address));
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync().ConfigureAwait(false);
        await _app.DisposeAsync().ConfigureAwait(false);
    }

    private static async Task HandleAsync(HttpContext context, AgentChatService chat)
    {
        const string Prefix = "/chat/";
        var path = context.Request.Path.Value ?? string.Empty;
        if (HttpMethods.IsGet(context.Request.Method) && path == "/memory")
        {
            var memory = HeldMemory.Measure();
            await context.Response.WriteAsJsonAsync(new { working_set = memory.WorkingSet, live_heap = memory.LiveHeap }).ConfigureAwait(false);
            return;
        }

        if (!HttpMethods.IsPost(context.Request.Method) || !path.StartsWith(Prefix, StringComparison.Ordinal))
        {
            context.Response.StatusCode = StatusCodes.Status404NotFound;
            return;
        }

        var conversation = new ConversationRuntime(path[Prefix.Length..], "user-load", "office-load");
        var stream = await chat.StartAsync(new AgentChatRequest(conversation, "Tell me a story."), context.RequestAborted).ConfigureAwait(false);
        try
        {
            foreach (var header in UiMessageStream.GetResponseHeaders(context.Request.Protocol))
            {
                context.Response.Headers[header.Key] = header.Value;
            }

            await UiMessageStream.WriteAsync(stream, context.Response.BodyWriter, context.RequestAborted).ConfigureAwait(false);
        }
        finally
        {
            await stream.DisposeAsync().ConfigureAwait(false);
        }
    }
}
