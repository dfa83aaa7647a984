namespace Nosis.AgentRuntime.Emulator;

/// <summary>The faults of a <see cref="LettaReplyScript"/>: latency, failing calls, a slow trickle, a dropped stream.</summary>
public sealed class LettaScriptedFaults
{
    internal LettaScriptedFaults()
    {
    }

    /// <summary>Gets the delay between two frames of every stream.</summary>
    public TimeSpan TrickleDelay { get; internal init; }

    /// <summary>Gets the latency added to each endpoint.</summary>
    public IReadOnlyDictionary<LettaEmulatorEndpoint, TimeSpan> Latency { get; internal init; } = new Dictionary<LettaEmulatorEndpoint, TimeSpan>();

    /// <summary>Gets the calls that fail: endpoint, status and how many.</summary>
    public IReadOnlyList<(LettaEmulatorEndpoint Endpoint, int StatusCode, int Count)> FailNext { get; internal init; } = [];

    /// <summary>Gets after how many frames the first stream drops its connection, if it does.</summary>
    public int? DropFirstStreamAfter { get; internal init; }

    internal void ApplyTo(LettaEmulatorFaults faults)
    {
        faults.TrickleDelay = TrickleDelay;
        foreach (var (endpoint, latency) in Latency)
        {
            faults.SetLatency(endpoint, latency);
        }

        foreach (var (endpoint, status, count) in FailNext)
        {
            faults.FailNext(endpoint, status, count);
        }

        if (DropFirstStreamAfter is { } frames)
        {
            faults.DropNextStreamAfter(frames);
        }
    }
}
