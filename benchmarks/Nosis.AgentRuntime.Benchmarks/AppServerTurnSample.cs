namespace Nosis.AgentRuntime.Benchmarks;

/// <summary>One timed turn of <c>--appserver</c>.</summary>
/// <param name="Path">Which client ran it: <c>runtime</c>, <c>direct</c> or <c>direct+start</c>.</param>
/// <param name="Round">The measured round; each round runs every path once, in a rotating order.</param>
/// <param name="FirstTextMs">From the call that starts the turn to its first text delta (the runtime: written to the UI stream; direct: read off the socket).</param>
/// <param name="TurnMs">From the same start to the turn's end.</param>
/// <param name="CpuMs">This process's CPU time (user + system) from the start to the turn's end.</param>
/// <param name="CpuSettledMs">The same until the settle pause after the turn has passed, which takes in the work done after the reply (persistence).</param>
/// <param name="ServerCpuMs">The App Server process's CPU time over the same window (10 ms resolution: <c>/proc</c> clock ticks).</param>
/// <param name="Wire">Where the relay saw the turn pass on the wire.</param>
public sealed record AppServerTurnSample(string Path, int Round, double FirstTextMs, double TurnMs, double CpuMs, double CpuSettledMs, double ServerCpuMs, WireSplit Wire);

/// <summary>A turn's first text delta split at the wire (<see cref="WireRelay"/>): the client's part before and after, the server's between.</summary>
/// <param name="SendMs">From the turn's start to its <c>input</c> frame on the wire: the client's work before sending, and any round trip it makes first.</param>
/// <param name="CommandsMs">From the client's first command of the turn on the wire to its <c>input</c>: the <c>runtime_start</c> round trip where there is one, else 0.</param>
/// <param name="ServerMs">From the <c>input</c> on the wire to the first <c>assistant_message</c> frame on the wire: the App Server and the model.</param>
/// <param name="ReceiveMs">From that frame on the wire to the client's first text delta: the client's receive path.</param>
public sealed record WireSplit(double SendMs, double CommandsMs, double ServerMs, double ReceiveMs)
{
    /// <summary>Gets the client's own part of the first text delta: <see cref="SendMs"/> + <see cref="ReceiveMs"/>.</summary>
    public double ClientMs => SendMs + ReceiveMs;
}
