using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.Options;
using Nosis.AgentRuntime.Claims;
using Nosis.AgentRuntime.Contracts;
using Nosis.AgentRuntime.Diagnostics;
using Nosis.AgentRuntime.Letta;
using Nosis.AgentRuntime.Emulator;
using Nosis.AgentRuntime.Testing.InMemory;

namespace Nosis.AgentRuntime.Benchmarks;

/// <summary>
/// The cold claim under contention, counted rather than timed: for each conversation, <c>callers</c> first messages arrive at
/// once; how many Letta create calls does each approach make? The emulator on loopback counts them.
/// </summary>
public static class ClaimContention
{
    private const string Model = "openai/gpt-4.1";

    public static async Task RunAsync(int conversations, int callers, TextWriter output)
    {
        await using var emulator = await LettaEmulator.StartNewAsync().ConfigureAwait(false);
        var lettaOptions = new LettaOptions { BaseUrl = emulator.BaseUrl, MaxRetries = 0 };
        using var http = new HttpClient { BaseAddress = emulator.BaseUrl };
        var letta = new LettaClient(http, lettaOptions);

        // Warm both paths (JIT, connections) on conversations that are not counted.
        await MeasureAsync("warm-up", emulator, 2, 8, (registry) => SingleFlight(letta, registry, lettaOptions)).ConfigureAwait(false);
        await MeasureAsync("warm-up", emulator, 2, 8, (registry) => Naive(letta, registry)).ConfigureAwait(false);

        var rows = new List<Result>
        {
            await MeasureAsync("AgentClaimService (single-flight + CAS)", emulator, conversations, callers, registry => SingleFlight(letta, registry, lettaOptions)).ConfigureAwait(false),
            await MeasureAsync("naive get-or-create (read, create, CAS)", emulator, conversations, callers, registry => Naive(letta, registry)).ConfigureAwait(false),
        };

        output.WriteLine($"## Cold claim: {conversations} conversations x {callers} concurrent first messages (emulator on loopback)");
        output.WriteLine();
        output.WriteLine("| Approach | Create calls / conversation: mean | min | max | Agents left unclaimed | Callers that disagreed | Wall time |");
        output.WriteLine("|---|---:|---:|---:|---:|---:|---:|");
        foreach (var row in rows)
        {
            output.WriteLine(string.Create(
                CultureInfo.InvariantCulture,
                $"| {row.Name} | {row.Creates.Average():F2} | {row.Creates.Min()} | {row.Creates.Max()} | {row.Orphans} | {row.Disagreements} | {row.Elapsed.TotalMilliseconds:F0} ms |"));
        }

        output.WriteLine();
        output.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"Ratio (naive / single-flight) of create calls: {rows[1].Creates.Average() / rows[0].Creates.Average():F1}x."));
    }

    private static Func<ConversationRuntime, Task<string>> SingleFlight(ILettaClient letta, InMemoryAgentIdRegistry registry, LettaOptions lettaOptions)
    {
        var scheduler = new InMemoryBackgroundScheduler();
        var claims = new AgentClaimService(
            letta, registry, scheduler, scheduler.ErrorReporter, Options.Create(lettaOptions),
            Options.Create(new AgentRuntimeOptions { AgentModel = Model }), new AgentRuntimeTelemetry());
        return conversation => claims.ResolveOrCreateAgentIdAsync(conversation);
    }

    /// <summary>Get-or-create without single-flight: what most hosts write first. The CAS still picks one winner.</summary>
    private static Func<ConversationRuntime, Task<string>> Naive(ILettaClient letta, InMemoryAgentIdRegistry registry) => async conversation =>
    {
        var stored = await registry.GetAgentIdAsync(conversation.ConversationId).ConfigureAwait(false);
        if (stored is not null)
        {
            return stored;
        }

        var agent = await letta.CreateAgentAsync(new LettaCreateAgentRequest { Name = "naive-" + conversation.ConversationId, Model = Model }).ConfigureAwait(false);
        if (await registry.TryClaimAgentIdAsync(conversation.ConversationId, agent.Id).ConfigureAwait(false))
        {
            return agent.Id;
        }

        return await registry.ReadClaimedAgentIdAsync(conversation.ConversationId).ConfigureAwait(false)
            ?? throw new InvalidOperationException("Lost the claim, yet no winner.");
    };

    private static async Task<Result> MeasureAsync(
        string name, LettaEmulator emulator, int conversations, int callers, Func<InMemoryAgentIdRegistry, Func<ConversationRuntime, Task<string>>> approach)
    {
        var registry = new InMemoryAgentIdRegistry();
        var resolve = approach(registry);
        var creates = new List<int>(conversations);
        var disagreements = 0;
        var agentsBefore = emulator.LiveAgents().Count;
        var started = Stopwatch.GetTimestamp();
        for (var c = 0; c < conversations; c++)
        {
            var conversation = new ConversationRuntime(registry.AddConversation(), "user-bench", "office-bench");
            var before = emulator.CreateCalls;
            var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            var tasks = Enumerable.Range(0, callers).Select(_ => Task.Run(async () =>
            {
                await gate.Task.ConfigureAwait(false);
                return await resolve(conversation).ConfigureAwait(false);
            })).ToArray();
            gate.SetResult();
            var ids = await Task.WhenAll(tasks).ConfigureAwait(false);
            creates.Add(emulator.CreateCalls - before);
            var winner = await registry.GetAgentIdAsync(conversation.ConversationId).ConfigureAwait(false);
            disagreements += ids.Count(id => id != winner);
        }

        var elapsed = Stopwatch.GetElapsedTime(started);
        await Task.Delay(300).ConfigureAwait(false); // background orphan deletions of the single-flight path, if any
        var claimed = registry.ConversationIds.Count;
        var orphans = emulator.LiveAgents().Count - agentsBefore - claimed;
        return new Result(name, creates, orphans, disagreements, elapsed);
    }

    private sealed record Result(string Name, List<int> Creates, int Orphans, int Disagreements, TimeSpan Elapsed);
}
