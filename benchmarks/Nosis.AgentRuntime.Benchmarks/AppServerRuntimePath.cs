using System.Diagnostics;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Nosis.AgentRuntime.AppServer;
using Nosis.AgentRuntime.Contracts;
using Nosis.AgentRuntime.Letta;
using Nosis.AgentRuntime.Streaming;
using Nosis.AgentRuntime.Testing.InMemory;

namespace Nosis.AgentRuntime.Benchmarks;

/// <summary>
/// The runtime's path of <c>--appserver</c>, built as a host builds it: <c>AddNosisAgentRuntime(...).AddAppServerBackend(...)</c>
/// with in-memory adapters (registry, message store, tools), then <see cref="AgentChatService"/> writing the AI SDK UI message
/// stream into a sink that notes the first <c>text-delta</c>. The agent is already claimed: the registry and the conversation hold it.
/// </summary>
public sealed class AppServerRuntimePath : IAsyncDisposable
{
    private readonly IHost _host;
    private readonly AgentChatService _chat;
    private readonly AppServerLettaClient _backend;
    private readonly InMemoryAgentIdRegistry _registry;
    private readonly InMemoryMessageStore _messages;

    private AppServerRuntimePath(IHost host, InMemoryAgentIdRegistry registry, InMemoryMessageStore messages)
    {
        _host = host;
        _registry = registry;
        _messages = messages;
        _chat = host.Services.GetRequiredService<AgentChatService>();
        _backend = host.Services.GetRequiredService<AppServerLettaClient>();
    }

    public static async Task<AppServerRuntimePath> StartAsync(Uri url, string model, CancellationToken cancellationToken)
    {
        var registry = new InMemoryAgentIdRegistry();
        var messages = new InMemoryMessageStore();
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Logging.ClearProviders();
        builder.Services.AddSingleton<IAgentIdRegistry>(registry);
        builder.Services.AddSingleton<IMessageStore>(messages);
        builder.Services.AddSingleton<IToolLoader>(new InMemoryToolLoader());
        builder.Services.AddNosisAgentRuntime(_ => { }).AddAppServerBackend(appServer =>
        {
            appServer.Url = url;
            appServer.Model = model;
        });
        var host = builder.Build();
        await host.StartAsync(cancellationToken).ConfigureAwait(false);
        return new AppServerRuntimePath(host, registry, messages);
    }

    /// <summary>Runs one turn in the agent's own conversation; returns its start, first UI text delta and end timestamps.</summary>
    public async Task<(long Started, long FirstText, long Ended)> RunTurnAsync(string conversationId, string agentId, string text, CancellationToken cancellationToken)
    {
        _registry.AddConversation(conversationId, agentId);
        var conversation = new ConversationRuntime(conversationId, "user-bench", "office-bench", agentId: agentId);
        var sink = new FirstTextDeltaStream();
        var started = Stopwatch.GetTimestamp();
        var stream = await _chat.StartAsync(new AgentChatRequest(conversation, text), cancellationToken).ConfigureAwait(false);
        try
        {
            await UiMessageStream.WriteAsync(stream, sink, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            await stream.DisposeAsync().ConfigureAwait(false);
        }

        return (started, sink.FirstText, Stopwatch.GetTimestamp());
    }

    /// <summary>
    /// The same turn through the backend alone: <see cref="AppServerLettaClient.StreamMessageAsync"/> on the runtime's connection, read to its
    /// end, without the turn pipeline; times the first <see cref="LettaAssistantMessage"/> and returns the text.
    /// </summary>
    public async Task<(long Started, long FirstText, long Ended, string Text)> RunBackendTurnAsync(string agentId, string text, string userMessageId, CancellationToken cancellationToken)
    {
        var request = new LettaMessageRequest([LettaInputMessage.User(text) with { Otid = userMessageId }]);
        var reply = new StringBuilder();
        long firstText = 0;
        var started = Stopwatch.GetTimestamp();
        await foreach (var item in _backend.StreamMessageAsync(agentId, request, cancellationToken).ConfigureAwait(false))
        {
            if (item is LettaAssistantMessage assistant)
            {
                firstText = firstText == 0 ? Stopwatch.GetTimestamp() : firstText;
                reply.Append(assistant.Content);
            }
        }

        return (started, firstText, Stopwatch.GetTimestamp(), reply.ToString());
    }

    /// <summary>The stored reply of a conversation, once the runtime's persistence ran.</summary>
    public AssistantMessage? StoredReply(string conversationId) => _messages.GetAssistantMessages(conversationId).LastOrDefault();

    public async ValueTask DisposeAsync()
    {
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        await _host.StopAsync(stop.Token).ConfigureAwait(false);
        if (_host is IAsyncDisposable host)
        {
            await host.DisposeAsync().ConfigureAwait(false); // the App Server client is IAsyncDisposable only
        }
        else
        {
            _host.Dispose();
        }
    }
}
