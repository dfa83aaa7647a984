namespace Nosis.AgentRuntime.Hosting;

/// <summary>The configuration section names the runtime binds, also used to name settings in validation messages.</summary>
internal static class AgentRuntimeConfigurationSections
{
    /// <summary>The section bound to <see cref="Letta.LettaOptions"/>.</summary>
    public const string Letta = "Letta";

    /// <summary>The section bound to <see cref="AgentRuntimeOptions"/>.</summary>
    public const string Runtime = "Runtime";

    /// <summary>The section bound to <see cref="BackgroundSchedulerOptions"/>.</summary>
    public const string BackgroundScheduler = "BackgroundScheduler";
}
