using BenchmarkDotNet.Attributes;
using Microsoft.Extensions.Options;
using Nosis.AgentRuntime.Claims;
using Nosis.AgentRuntime.Contracts;
using Nosis.AgentRuntime.Diagnostics;
using Nosis.AgentRuntime.Letta;
using Nosis.AgentRuntime.Testing.InMemory;

namespace Nosis.AgentRuntime.Benchmarks;

/// <summary>The claim's hot path (the conversation already has an agent) against reading the registry directly.</summary>
[MemoryDiagnoser]
public class ClaimHotPathBenchmarks
{
    private const string AgentId = "agent-00000000-0000-4000-8000-000000000002";

    private readonly InMemoryAgentRuntimeAdapter _adapter = new();
    private AgentClaimService _claims = null!;
    private ConversationRuntime _unresolved = null!;
    private ConversationRuntime _resolved = null!;
    private string _conversationId = null!;

    [GlobalSetup]
    public void Setup()
    {
        _conversationId = _adapter.Registry.AddConversation();
        _adapter.Registry.TryClaimAgentIdAsync(_conversationId, AgentId).GetAwaiter().GetResult();
        var lettaOptions = new LettaOptions { BaseUrl = new Uri("http://letta.invalid") };
        var letta = new LettaClient(new HttpClient(), lettaOptions);
        _claims = new AgentClaimService(
            letta, _adapter.Registry, _adapter.Scheduler, _adapter.Errors, Options.Create(lettaOptions),
            Options.Create(new AgentRuntimeOptions()), new AgentRuntimeTelemetry());
        _unresolved = new ConversationRuntime(_conversationId, "user-bench", "office-bench");
        _resolved = _unresolved with { AgentId = AgentId };
        if (ResolveFromRegistry().GetAwaiter().GetResult() != AgentId || RegistryRead().GetAwaiter().GetResult() != AgentId)
        {
            throw new InvalidOperationException("Benchmark self-check failed: the hot path did not return the stored agent id.");
        }
    }

    [GlobalCleanup]
    public void Cleanup() => _adapter.DisposeAsync().AsTask().GetAwaiter().GetResult();

    [Benchmark(Baseline = true, Description = "registry.GetAgentIdAsync (direct read)")]
    public async Task<string?> RegistryRead() => await _adapter.Registry.GetAgentIdAsync(_conversationId).ConfigureAwait(false);

    [Benchmark(Description = "claim.ResolveOrCreate (id in registry)")]
    public async Task<string> ResolveFromRegistry() => await _claims.ResolveOrCreateAgentIdAsync(_unresolved).ConfigureAwait(false);

    [Benchmark(Description = "claim.ResolveOrCreate (id on the conversation)")]
    public async Task<string> ResolveFromConversation() => await _claims.ResolveOrCreateAgentIdAsync(_resolved).ConfigureAwait(false);
}
