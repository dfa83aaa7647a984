using Nosis.AgentRuntime.Contracts;

namespace Nosis.AgentRuntime.Streaming;

/// <summary>How a turn ended, as the persistence layer decided it; read by the telemetry layer and the service.</summary>
/// <param name="Completion">How the reply ended.</param>
/// <param name="Failure">What failed, when something did; <see cref="AgentBusyException"/> when the turn was refused or its lease lost.</param>
/// <param name="StopReason">Letta's last stop reason, if one came.</param>
/// <param name="TextLength">How many characters of answer text arrived, kept or not.</param>
internal sealed record TurnOutcome(ReplyCompletion Completion, Exception? Failure, string? StopReason, long TextLength);
