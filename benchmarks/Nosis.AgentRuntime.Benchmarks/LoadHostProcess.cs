using Microsoft.Extensions.Options;
using Nosis.AgentRuntime.Letta;
using Nosis.AgentRuntime.Streaming;
using Nosis.AgentRuntime.Testing.InMemory;

namespace Nosis.AgentRuntime.Benchmarks;

/// <summary>
/// <c>--load-host URL</c>: the worker-shaped host of <see cref="WorkerProcessLoad"/> alone in its process, reading Letta at URL.
/// Prints its own address on the first line of its output, answers <c>GET /memory</c> with its <see cref="HeldMemory"/>, and
/// exits when its standard input closes.
/// </summary>
public static class LoadHostProcess
{
    public static async Task<int> RunAsync(Uri lettaUrl, TextWriter output)
    {
        var lettaOptions = new LettaOptions { BaseUrl = lettaUrl };
        using var lettaHttp = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = int.MaxValue }) { BaseAddress = lettaUrl };
        await using var adapter = new InMemoryAgentRuntimeAdapter();
        var chat = new AgentChatService(
            new ConversationIsAgentResolver(), new LettaClient(lettaHttp, lettaOptions), new DiscardingMessageStore(), adapter.Tools, adapter.Scheduler, adapter.Errors,
            Options.Create(new AgentRuntimeOptions { AgentModel = "openai/gpt-4.1" }), Options.Create(lettaOptions));
        await using var host = await ChatHost.StartAsync(chat).ConfigureAwait(false);
        await output.WriteLineAsync(host.BaseUrl.ToString()).ConfigureAwait(false);
        await output.FlushAsync().ConfigureAwait(false);
        await Console.In.ReadToEndAsync().ConfigureAwait(false);
        return 0;
    }
}
