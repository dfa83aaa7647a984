using Microsoft.Extensions.Diagnostics.HealthChecks;
using Nosis.AgentRuntime.Letta;

namespace Nosis.AgentRuntime.AspNetCore;

/// <summary>Healthy when the Letta server answers an authenticated request (listing one agent): reachable, and the API key accepted.</summary>
internal sealed class LettaHealthCheck(ILettaClient letta) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            await letta.ListAgentsAsync(new LettaAgentListQuery { Limit = 1 }, cancellationToken).ConfigureAwait(false);
            return HealthCheckResult.Healthy("The Letta server answered.");
        }
        catch (LettaApiException exception)
        {
            return new HealthCheckResult(context.Registration.FailureStatus, $"The Letta server answered {(int)exception.StatusCode} on {exception.Operation}.");
        }
        catch (Exception exception) when (exception is HttpRequestException or TimeoutException || (exception is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            return new HealthCheckResult(context.Registration.FailureStatus, "The Letta server could not be reached.");
        }
    }
}
