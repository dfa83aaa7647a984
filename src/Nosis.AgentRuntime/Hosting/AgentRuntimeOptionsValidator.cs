using Microsoft.Extensions.Options;
using Nosis.AgentRuntime.Execution;

namespace Nosis.AgentRuntime.Hosting;

/// <summary>Checks <see cref="AgentRuntimeOptions"/> at start-up; each message names the setting.</summary>
internal sealed class AgentRuntimeOptionsValidator : IValidateOptions<AgentRuntimeOptions>
{
    private const string Section = AgentRuntimeConfigurationSections.Runtime;

    /// <summary>The smallest persistence cap accepted; a smaller one would cut ordinary replies.</summary>
    internal const int MinimumPersistedTextLength = 1000;

    /// <inheritdoc/>
    public ValidateOptionsResult Validate(string? name, AgentRuntimeOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);

        var failures = new List<string>();
        if (!Enum.IsDefined(options.Surface))
        {
            failures.Add(
                $"{Section}:{nameof(AgentRuntimeOptions.Surface)} has the unknown value {(int)options.Surface}; " +
                $"use one of {string.Join(", ", Enum.GetNames<ExecutionSurface>())}.");
        }

        OptionsRules.RequireAtLeast(options.MaxToolSteps, 1, $"{Section}:{nameof(AgentRuntimeOptions.MaxToolSteps)}", failures);
        OptionsRules.RequireAtLeast(
            options.MaxPersistedTextLength, MinimumPersistedTextLength, $"{Section}:{nameof(AgentRuntimeOptions.MaxPersistedTextLength)}", failures);
        OptionsRules.RequireAtLeast(options.StreamBufferCapacity, 1, $"{Section}:{nameof(AgentRuntimeOptions.StreamBufferCapacity)}", failures);
        OptionsRules.RequirePositive(options.TurnWaitTimeout, $"{Section}:{nameof(AgentRuntimeOptions.TurnWaitTimeout)}", failures);
        OptionsRules.RequirePositive(options.TurnLeaseDuration, $"{Section}:{nameof(AgentRuntimeOptions.TurnLeaseDuration)}", failures);
        if (options.ResponseWriteStallTimeout <= TimeSpan.Zero && options.ResponseWriteStallTimeout != Timeout.InfiniteTimeSpan)
        {
            failures.Add($"{Section}:{nameof(AgentRuntimeOptions.ResponseWriteStallTimeout)} must be positive (or infinite), not {options.ResponseWriteStallTimeout}.");
        }

        OptionsRules.RequirePositive(options.ReplySaveTimeout, $"{Section}:{nameof(AgentRuntimeOptions.ReplySaveTimeout)}", failures);
        OptionsRules.RequireAtLeast(options.MaxStreamResumes, 0, $"{Section}:{nameof(AgentRuntimeOptions.MaxStreamResumes)}", failures);
        OptionsRules.RequirePositive(options.StreamResumeDelay, $"{Section}:{nameof(AgentRuntimeOptions.StreamResumeDelay)}", failures);

        if (options.OrphanSweepInterval < TimeSpan.Zero)
        {
            failures.Add($"{Section}:{nameof(AgentRuntimeOptions.OrphanSweepInterval)} must not be negative (it is {options.OrphanSweepInterval}); 0 turns the sweeper off.");
        }

        if (options.OrphanGracePeriod < TimeSpan.Zero)
        {
            failures.Add($"{Section}:{nameof(AgentRuntimeOptions.OrphanGracePeriod)} must not be negative (it is {options.OrphanGracePeriod}).");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
