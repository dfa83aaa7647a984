using Microsoft.Extensions.Logging;
using Nosis.AgentRuntime.Contracts;
using Nosis.AgentRuntime.Diagnostics;
using Nosis.AgentRuntime.Letta;
using Nosis.AgentRuntime.Letta.Wire;

namespace Nosis.AgentRuntime.Streaming;

/// <summary>What every turn of one <see cref="AgentChatService"/> shares.</summary>
internal sealed record ChatTurnDependencies(
    ILettaClient Letta,
    IMessageStore Messages,
    IToolLoader Tools,
    IBackgroundScheduler Scheduler,
    IErrorReporter Errors,
    AgentRuntimeOptions Options,
    string? ApiKey,
    TimeProvider Time,
    ILogger Logger,
    AgentRuntimeTelemetry Telemetry)
{
    public string Redact(string? text) => Redaction.Redact(text, ApiKey) ?? string.Empty;
}
