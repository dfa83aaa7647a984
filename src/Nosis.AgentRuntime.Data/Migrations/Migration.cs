namespace Nosis.AgentRuntime.Data.Migrations;

/// <summary>One versioned schema step; applied once, inside a transaction the migrator opens and commits.</summary>
/// <param name="Version">The version it brings the schema to.</param>
/// <param name="Name">Its name, recorded in <c>schema_migrations</c>.</param>
/// <param name="ApplyAsync">The step.</param>
/// <param name="PreflightAsync">
/// The checks that must pass before any pending migration changes anything, or <see langword="null"/> when it has none; run
/// by the migrator in a transaction it rolls back, and again by the step itself.
/// </param>
internal sealed record Migration(
    int Version,
    string Name,
    Func<MigrationContext, CancellationToken, Task> ApplyAsync,
    Func<MigrationContext, CancellationToken, Task<MigrationPreflight>>? PreflightAsync = null);
