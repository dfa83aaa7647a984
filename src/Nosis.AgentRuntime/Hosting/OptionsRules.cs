namespace Nosis.AgentRuntime.Hosting;

/// <summary>Checks shared by the options validators.</summary>
internal static class OptionsRules
{
    /// <summary>Adds a failure naming <paramref name="setting"/> when <paramref name="value"/> is zero or negative.</summary>
    public static void RequirePositive(TimeSpan value, string setting, List<string> failures)
    {
        if (value <= TimeSpan.Zero)
        {
            failures.Add($"{setting} must be a positive duration (it is {value}).");
        }
    }

    /// <summary>Adds a failure naming <paramref name="setting"/> when <paramref name="value"/> is below <paramref name="minimum"/>.</summary>
    public static void RequireAtLeast(int value, int minimum, string setting, List<string> failures)
    {
        if (value < minimum)
        {
            failures.Add($"{setting} must be at least {minimum} (it is {value}).");
        }
    }
}
