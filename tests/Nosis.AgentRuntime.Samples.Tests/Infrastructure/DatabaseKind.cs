namespace Nosis.AgentRuntime.Samples.Tests.Infrastructure;

/// <summary>The database a worker host runs against.</summary>
public enum DatabaseKind
{
    Sqlite,
    Postgres,
}
