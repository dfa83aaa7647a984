namespace Nosis.AgentRuntime.Hosting;

/// <summary>How the default background scheduler queues and drains work; bound from the <c>BackgroundScheduler</c> configuration section.</summary>
public sealed class BackgroundSchedulerOptions
{
    /// <summary>Gets or sets how many work items may wait in the queue; scheduling waits for room when it is full.</summary>
    /// <value>The default is 1,024.</value>
    public int Capacity { get; set; } = 1024;

    /// <summary>Gets or sets how many work items run at the same time.</summary>
    /// <value>The default is 4.</value>
    public int Concurrency { get; set; } = 4;

    /// <summary>Gets or sets how long host shutdown waits for queued and running work before it reports the rest as unfinished and cancels it.</summary>
    /// <value>The default is 30 seconds; <see cref="Timeout.InfiniteTimeSpan"/> waits as long as the host's own shutdown timeout allows.</value>
    /// <remarks>The host's <c>HostOptions.ShutdownTimeout</c> (30 seconds by default) still bounds the wait; keep it longer than this.</remarks>
    public TimeSpan DrainTimeout { get; set; } = TimeSpan.FromSeconds(30);
}
