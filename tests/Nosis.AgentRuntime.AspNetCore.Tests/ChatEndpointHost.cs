using System.Collections.Concurrent;
using System.Net.Http.Headers;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Nosis.AgentRuntime.Contracts;
using Nosis.AgentRuntime.Emulator;
using Nosis.AgentRuntime.Execution;
using Nosis.AgentRuntime.Testing.InMemory;

namespace Nosis.AgentRuntime.AspNetCore.Tests;

/// <summary>A real Kestrel host on loopback with MapAgentChat and MapAgentChatHistory over the in-memory adapters and the Letta emulator.</summary>
internal sealed class ChatEndpointHost : IAsyncDisposable
{
    private readonly WebApplication _app;

    private ChatEndpointHost(WebApplication app, LettaEmulator emulator, Uri baseUrl)
    {
        _app = app;
        Emulator = emulator;
        Http = new HttpClient { BaseAddress = baseUrl, Timeout = TimeSpan.FromSeconds(30) };
    }

    public LettaEmulator Emulator { get; }

    public HttpClient Http { get; }

    public InMemoryMessageStore Messages { get; } = new();

    public InMemoryAgentIdRegistry AgentIds { get; } = new();

    public InMemoryToolLoader Tools { get; } = new();

    public InMemoryActiveRunStore ActiveRuns { get; } = new();

    public ConcurrentDictionary<string, ConversationRuntime> Conversations { get; } = new(StringComparer.Ordinal);

    public static async Task<ChatEndpointHost> StartAsync(Action<IServiceCollection>? configure = null, Action<AgentRuntimeOptions>? runtime = null)
    {
        var emulator = await LettaEmulator.StartNewAsync();
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseKestrel().UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        ChatEndpointHost? host = null;
        var services = builder.Services;
        services.AddSingleton<IMessageStore>(_ => host!.Messages);
        services.AddSingleton<IMessageHistory>(_ => host!.Messages);
        services.AddSingleton<IAgentIdRegistry>(_ => host!.AgentIds);
        services.AddSingleton<IToolLoader>(_ => host!.Tools);
        services.AddSingleton<IActiveRunStore>(_ => host!.ActiveRuns);
        configure?.Invoke(services);
        services.AddNosisAgentRuntime(letta => letta.BaseUrl = emulator.BaseUrl, options =>
        {
            options.TurnWaitTimeout = TimeSpan.FromMilliseconds(300);
            runtime?.Invoke(options);
        });
        services.AddHealthChecks().AddLetta().AddMessageStore((_, _) => Task.CompletedTask);
        var app = builder.Build();
        app.MapAgentChat("/c/{id}/chat", (context, _) => ValueTask.FromResult(host!.Find(context)), options => options.MaxRequestBodyBytes = 64 * 1024);
        app.MapAgentChatHistory("/c/{id}/ui-messages", (context, _) => ValueTask.FromResult(host!.Find(context)));
        app.MapAgentChatResume("/c/{id}/chat/stream", (context, _) => ValueTask.FromResult(host!.Find(context)));
        app.MapAgentChatStop("/c/{id}/chat/stop", (context, _) => ValueTask.FromResult(host!.Find(context)));
        app.MapHealthChecks("/health/ready");
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        host = new ChatEndpointHost(app, emulator, new Uri(address));
        return host;
    }

    public string AddConversation(ExecutionTarget target = ExecutionTarget.Sandbox)
    {
        var id = "conv-" + Guid.NewGuid().ToString("N");
        Conversations[id] = new ConversationRuntime(id, "user-1", "office-1", executionTarget: target);
        AgentIds.AddConversation(id);
        return id;
    }

    public async Task<(int Status, string? ContentType, string Body)> PostAsync(string path, string json, string contentType = "application/json")
    {
        using var content = new StringContent(json, Encoding.UTF8);
        content.Headers.ContentType = new MediaTypeHeaderValue(contentType);
        using var response = await Http.PostAsync(new Uri(path, UriKind.Relative), content);
        return ((int)response.StatusCode, response.Content.Headers.ContentType?.MediaType, await response.Content.ReadAsStringAsync());
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
        await Emulator.DisposeAsync();
    }

    private ConversationRuntime? Find(Microsoft.AspNetCore.Http.HttpContext context) =>
        Conversations.GetValueOrDefault(context.Request.RouteValues["id"] as string ?? string.Empty);
}
