using Microsoft.Extensions.Logging;
using Nosis.AgentRuntime.Contracts;
using Nosis.AgentRuntime.Diagnostics;
using Nosis.AgentRuntime.Letta;

namespace Nosis.AgentRuntime.Streaming;

/// <summary>What the built-in layers of the turn pipeline are made from.</summary>
internal sealed record ChatTurnDependencies(
    ILettaClient Letta,
    IMessageStore Messages,
    IBackgroundScheduler Scheduler,
    IErrorReporter Errors,
    AgentRuntimeOptions Options,
    SecretRedactor Redactor,
    TimeProvider Time,
    ILogger Logger,
    AgentRuntimeTelemetry Telemetry)
{
    /// <summary>Composes the pipeline: telemetry, persistence, the host's layers (first given is outermost), client tools, the Letta step.</summary>
    public IChatTurnClient BuildPipeline(IEnumerable<ChatTurnLayer> hostLayers, IServiceProvider? services)
    {
        IChatTurnClient client = new LettaStepTurnClient(Letta, Options);
        client = new ClientToolTurnClient(client, new ClientToolRunner(Redactor, Logger), Options, Logger);
        foreach (var layer in hostLayers.Reverse())
        {
            client = layer.Create(client, services) ?? throw new InvalidOperationException("A turn layer factory returned null.");
        }

        client = new PersistingTurnClient(client, new ReplyCompleter(Messages, Scheduler, Errors, Redactor, Options, Time, Logger), Options);
        return new TelemetryTurnClient(client, Telemetry, Time, Logger);
    }
}
