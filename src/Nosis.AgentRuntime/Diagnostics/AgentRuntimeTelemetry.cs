using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace Nosis.AgentRuntime.Diagnostics;

/// <summary>The runtime's <see cref="ActivitySource"/> and <see cref="Meter"/> with their instruments, all named <see cref="Name"/>.</summary>
/// <remarks>Created through <see cref="IMeterFactory"/> when the host has one, so tests can collect one instance's measurements alone.</remarks>
public sealed class AgentRuntimeTelemetry : IDisposable
{
    /// <summary>The name of the activity source and the meter.</summary>
    public const string Name = "Nosis.AgentRuntime";

    private static readonly ActivitySource SharedActivitySource = new(Name, typeof(AgentRuntimeTelemetry).Assembly.GetName().Version?.ToString());

    private readonly bool _ownsMeter;

    /// <summary>Initializes the instruments on a meter from <paramref name="meterFactory"/>, or on a meter of its own when none is given.</summary>
    /// <param name="meterFactory">The host's meter factory, if any.</param>
    public AgentRuntimeTelemetry(IMeterFactory? meterFactory = null)
    {
        _ownsMeter = meterFactory is null;
        Meter = meterFactory?.Create(Name) ?? new Meter(Name);
        AgentsCreated = Meter.CreateCounter<long>("nosis.agent_runtime.agents.created", "{agent}", "Letta agents created for conversations.");
        ClaimsLost = Meter.CreateCounter<long>("nosis.agent_runtime.claims.lost", "{claim}", "Agent claims lost to a concurrent creator.");
        OrphansDeleted = Meter.CreateCounter<long>("nosis.agent_runtime.orphans.deleted", "{agent}", "Orphan agents deleted.");
        StreamDuration = Meter.CreateHistogram<double>("nosis.agent_runtime.stream.duration", "s", "How long reply streams lasted.");
        TimeToFirstToken = Meter.CreateHistogram<double>("nosis.agent_runtime.stream.time_to_first_token", "s", "Time from the start of a turn to its first text or reasoning delta.");
        InputTokens = Meter.CreateCounter<long>("nosis.agent_runtime.tokens.input", "{token}", "Prompt tokens Letta reported.");
        OutputTokens = Meter.CreateCounter<long>("nosis.agent_runtime.tokens.output", "{token}", "Completion tokens Letta reported.");
        BackgroundQueueDepth = Meter.CreateUpDownCounter<long>("nosis.agent_runtime.background.queue_depth", "{item}", "Background work items queued or running.");
        BackgroundDropped = Meter.CreateCounter<long>("nosis.agent_runtime.background.dropped", "{item}", "Background work items refused or not finished at shutdown.");
    }

    /// <summary>Gets the activity source for claim, create and stream spans.</summary>
    public static ActivitySource ActivitySource => SharedActivitySource;

    /// <summary>Gets the meter.</summary>
    public Meter Meter { get; }

    /// <summary>Gets the counter of agents created.</summary>
    public Counter<long> AgentsCreated { get; }

    /// <summary>Gets the counter of claims lost.</summary>
    public Counter<long> ClaimsLost { get; }

    /// <summary>Gets the counter of orphan agents deleted.</summary>
    public Counter<long> OrphansDeleted { get; }

    /// <summary>Gets the histogram of stream durations, in seconds.</summary>
    public Histogram<double> StreamDuration { get; }

    /// <summary>Gets the histogram of times to first token, in seconds.</summary>
    public Histogram<double> TimeToFirstToken { get; }

    /// <summary>Gets the counter of prompt tokens.</summary>
    public Counter<long> InputTokens { get; }

    /// <summary>Gets the counter of completion tokens.</summary>
    public Counter<long> OutputTokens { get; }

    /// <summary>Gets the up-down counter of background work queued or running.</summary>
    public UpDownCounter<long> BackgroundQueueDepth { get; }

    /// <summary>Gets the counter of background work refused or unfinished at shutdown.</summary>
    public Counter<long> BackgroundDropped { get; }

    /// <summary>Disposes the meter when this instance created it.</summary>
    public void Dispose()
    {
        if (_ownsMeter)
        {
            Meter.Dispose();
        }
    }
}
