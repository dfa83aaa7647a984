using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Nosis.AgentRuntime.Streaming;

namespace Nosis.AgentRuntime.AppServer.Tests.Backend;

/// <summary>A loopback Kestrel endpoint that writes one turn's events as the AI SDK UI message stream, for the real <c>ai</c> readers.</summary>
internal sealed class UiStreamEndpoint : IAsyncDisposable
{
    private readonly WebApplication _app;

    private UiStreamEndpoint(WebApplication app, string url)
    {
        _app = app;
        Url = url;
    }

    public string Url { get; }

    public static async Task<UiStreamEndpoint> StartAsync(Func<CancellationToken, IAsyncEnumerable<AgentChatEvent>> turn)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        builder.Logging.ClearProviders();
        var app = builder.Build();
        app.MapPost("/chat", async (HttpContext context) =>
        {
            foreach (var header in UiMessageStream.GetResponseHeaders(context.Request.Protocol))
            {
                context.Response.Headers[header.Key] = header.Value;
            }

            try
            {
                await UiMessageStream.WriteAsync(turn(context.RequestAborted), context.Response.BodyWriter, context.RequestAborted);
            }
            catch (Exception) when (context.Response.HasStarted)
            {
                // The error chunk has been written; the test reads what the client saw.
            }
        });
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        return new UiStreamEndpoint(app, address + "/chat");
    }

    public ValueTask DisposeAsync() => _app.DisposeAsync();
}
