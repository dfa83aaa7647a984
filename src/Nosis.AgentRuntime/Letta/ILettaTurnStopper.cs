namespace Nosis.AgentRuntime.Letta;

/// <summary>A Letta backend that stops a conversation's running turn itself, from any instance, without Letta's V1 runs API.</summary>
/// <remarks>The App Server does (<c>abort_message</c>); the stopped turn then ends with the stop reason <c>cancelled</c>, which the runtime stores as a stopped reply.</remarks>
public interface ILettaTurnStopper
{
    /// <summary>Stops the turn running for <paramref name="target"/>, if any.</summary>
    /// <param name="target">The agent, and the Letta conversation in a shared agent scope.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns><see langword="true"/> when a running turn was stopped; <see langword="false"/> when none was running.</returns>
    Task<bool> StopTurnAsync(LettaTarget target, CancellationToken cancellationToken = default);
}
