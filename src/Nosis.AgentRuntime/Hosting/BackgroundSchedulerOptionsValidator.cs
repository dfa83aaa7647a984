using Microsoft.Extensions.Options;

namespace Nosis.AgentRuntime.Hosting;

/// <summary>Checks <see cref="BackgroundSchedulerOptions"/> at start-up; each message names the setting.</summary>
internal sealed class BackgroundSchedulerOptionsValidator : IValidateOptions<BackgroundSchedulerOptions>
{
    private const string Section = AgentRuntimeConfigurationSections.BackgroundScheduler;

    /// <inheritdoc/>
    public ValidateOptionsResult Validate(string? name, BackgroundSchedulerOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);

        var failures = new List<string>();
        OptionsRules.RequireAtLeast(options.Capacity, 1, $"{Section}:{nameof(BackgroundSchedulerOptions.Capacity)}", failures);
        OptionsRules.RequireAtLeast(options.Concurrency, 1, $"{Section}:{nameof(BackgroundSchedulerOptions.Concurrency)}", failures);
        if (options.DrainTimeout <= TimeSpan.Zero && options.DrainTimeout != Timeout.InfiniteTimeSpan)
        {
            failures.Add(
                $"{Section}:{nameof(BackgroundSchedulerOptions.DrainTimeout)} must be a positive duration or infinite (it is {options.DrainTimeout}).");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
