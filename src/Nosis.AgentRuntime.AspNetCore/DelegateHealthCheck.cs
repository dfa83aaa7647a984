using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Nosis.AgentRuntime.AspNetCore;

/// <summary>Healthy when the host's probe of its store completes; the probe's failure makes it unhealthy without its message (it may name a server).</summary>
internal sealed class DelegateHealthCheck(IServiceProvider services, Func<IServiceProvider, CancellationToken, Task> probe, string what) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            await probe(services, cancellationToken).ConfigureAwait(false);
            return HealthCheckResult.Healthy($"The {what} answered.");
        }
        catch (Exception exception) when (exception is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            return new HealthCheckResult(context.Registration.FailureStatus, $"The {what} is unavailable ({exception.GetType().Name}).");
        }
    }
}
