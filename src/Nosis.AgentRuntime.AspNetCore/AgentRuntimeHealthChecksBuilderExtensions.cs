using Microsoft.Extensions.Diagnostics.HealthChecks;
using Nosis.AgentRuntime.AspNetCore;
using Nosis.AgentRuntime.Letta;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Health checks for what the agent runtime depends on: the Letta server and the host's message store.</summary>
public static class AgentRuntimeHealthChecksBuilderExtensions
{
    /// <summary>Adds a check that the Letta server answers an authenticated request (reachable, API key accepted).</summary>
    /// <param name="builder">The health checks builder.</param>
    /// <param name="name">The check's name.</param>
    /// <param name="tags">Tags, e.g. <c>ready</c>, to select the check by.</param>
    /// <returns>The builder.</returns>
    public static IHealthChecksBuilder AddLetta(this IHealthChecksBuilder builder, string name = "letta", IEnumerable<string>? tags = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder.Add(new HealthCheckRegistration(
            name, services => new LettaHealthCheck(services.GetRequiredService<ILettaClient>()), HealthStatus.Unhealthy, tags, TimeSpan.FromSeconds(5)));
    }

    /// <summary>Adds a check of a store that exposes a probe (for the reference SQL adapter: reading its schema version).</summary>
    /// <param name="builder">The health checks builder.</param>
    /// <param name="probe">Completes when the store answers; throws when it does not.</param>
    /// <param name="name">The check's name.</param>
    /// <param name="tags">Tags, e.g. <c>ready</c>, to select the check by.</param>
    /// <returns>The builder.</returns>
    public static IHealthChecksBuilder AddMessageStore(
        this IHealthChecksBuilder builder, Func<IServiceProvider, CancellationToken, Task> probe, string name = "message-store", IEnumerable<string>? tags = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(probe);
        return builder.Add(new HealthCheckRegistration(
            name, services => new DelegateHealthCheck(services, probe, "message store"), HealthStatus.Unhealthy, tags, TimeSpan.FromSeconds(5)));
    }
}
