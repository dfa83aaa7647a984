namespace Nosis.AgentRuntime.Data;

/// <summary>The exception thrown at start-up when the database connection is configured in a way the runtime cannot work with safely.</summary>
/// <remarks>
/// The message is one line naming the setting and the fix. Thrown by <see cref="AgentRuntimeDatabase.MigrateAsync"/> before any
/// statement of a migration runs, so a host that migrates at start-up stops there instead of failing later on a request.
/// </remarks>
public sealed class DatabaseConfigurationException : InvalidOperationException
{
    /// <summary>Initializes a new instance.</summary>
    /// <param name="message">What is wrong and how to fix it, on one line.</param>
    public DatabaseConfigurationException(string message)
        : base(message)
    {
    }
}
