using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Nosis.AgentRuntime.AI;
using Nosis.AgentRuntime.Contracts;
using Nosis.AgentRuntime.Streaming;
using Nosis.AgentRuntime.Testing.InMemory;

namespace Nosis.AgentRuntime.AppServer.Tests.Backend;

/// <summary>A host as a team would write it: the runtime over the App Server backend (through DI), in-memory adapters, M.E.AI tools.</summary>
internal sealed class AppServerRuntimeHost : IAsyncDisposable
{
    private readonly IHost _host;

    private readonly InMemoryAgentIdRegistry _agents;

    private AppServerRuntimeHost(HostApplicationBuilder builder, InMemoryMessageStore messages, InMemoryAgentIdRegistry agents)
    {
        builder.Services.AddSingleton<IErrorReporter>(Errors);
        _host = builder.Build();
        Messages = messages;
        _agents = agents;
    }

    public InMemoryMessageStore Messages { get; }

    public InMemoryErrorReporter Errors { get; } = new();

    public AgentChatService Chat => _host.Services.GetRequiredService<AgentChatService>();

    public IServiceProvider Services => _host.Services;

    public static async Task<AppServerRuntimeHost> StartAsync(Uri url, string model, params AIFunction[] tools)
    {
        var messages = new InMemoryMessageStore();
        var agents = new InMemoryAgentIdRegistry();
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Services.AddSingleton<IAgentIdRegistry>(agents);
        builder.Services.AddSingleton<IMessageStore>(messages);
        builder.Services.AddSingleton<IMessageHistory>(messages);
        builder.Services.AddSingleton<ITurnLeaseStore>(new InMemoryTurnLeaseStore());
        builder.Services.AddSingleton<ISharedAgentRegistry>(new InMemorySharedAgentRegistry());
        builder.Services
            .AddNosisAgentRuntime(_ => { }, runtime => runtime.TurnWaitTimeout = TimeSpan.FromSeconds(20))
            .UseAIFunctionTools(tools.Select(tool => new AIFunctionTool(tool)))
            .AddAppServerBackend(appServer =>
            {
                appServer.Url = url;
                appServer.Model = model;
                appServer.TurnIdleTimeout = TimeSpan.FromSeconds(30);
            });
        var runtime = new AppServerRuntimeHost(builder, messages, agents);
        await runtime._host.StartAsync();
        return runtime;
    }

    /// <summary>Creates a conversation the registry knows, with no agent yet.</summary>
    public ConversationRuntime NewConversation(AgentScope scope = AgentScope.Conversation)
    {
        var conversation = new ConversationRuntime("c_" + Guid.NewGuid().ToString("N")[..10], "u_" + Guid.NewGuid().ToString("N")[..6], "office_1") { AgentScope = scope };
        _agents.AddConversation(conversation.ConversationId);
        return conversation;
    }

    /// <summary>Waits until the reply of <paramref name="conversationId"/> is stored (persistence runs in the background).</summary>
    public async Task<AssistantMessage> StoredReplyAsync(string conversationId, int count = 1)
    {
        using var limit = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        while (Messages.GetAssistantMessages(conversationId).Count < count)
        {
            await Task.Delay(20, limit.Token);
        }

        return Messages.GetAssistantMessages(conversationId)[count - 1];
    }

    public async ValueTask DisposeAsync()
    {
        await _host.StopAsync();
        _host.Dispose();
    }
}
