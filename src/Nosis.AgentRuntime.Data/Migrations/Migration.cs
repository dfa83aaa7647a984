namespace Nosis.AgentRuntime.Data.Migrations;

/// <summary>One versioned schema step; applied once, inside a transaction the migrator opens and commits.</summary>
internal sealed record Migration(int Version, string Name, Func<MigrationContext, CancellationToken, Task> ApplyAsync);
