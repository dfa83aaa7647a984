namespace Nosis.AgentRuntime.Data;

/// <summary>The exception thrown when a migration refuses to run on what the database holds; the database was left exactly as it was.</summary>
/// <remarks>
/// Every check of every pending migration runs before the first change, so the message lists every problem at once. Fix them
/// (<c>docs/office-ownership.md</c>, "Adopting an existing database", says how for each) and call <c>MigrateAsync</c> again.
/// </remarks>
public sealed class SchemaMigrationException : InvalidOperationException
{
    /// <summary>Initializes a new instance for the problems that stopped a migration.</summary>
    /// <param name="version">The version of the migration that refused.</param>
    /// <param name="name">The name of that migration.</param>
    /// <param name="problems">What it found; at least one.</param>
    public SchemaMigrationException(int version, string name, IReadOnlyList<SchemaMigrationProblem> problems)
        : base(Describe(version, name, problems))
    {
        Version = version;
        Problems = problems;
    }

    /// <summary>Gets the version of the migration that refused.</summary>
    public int Version { get; }

    /// <summary>Gets what it found.</summary>
    public IReadOnlyList<SchemaMigrationProblem> Problems { get; }

    private static string Describe(int version, string name, IReadOnlyList<SchemaMigrationProblem> problems)
    {
        ArgumentNullException.ThrowIfNull(problems);
        ArgumentOutOfRangeException.ThrowIfZero(problems.Count, nameof(problems));
        return $"Migration {version} ({name}) refused to run; nothing was changed. "
            + string.Join(" ", problems.Select((problem, i) => $"({i + 1}) {problem}"));
    }
}
