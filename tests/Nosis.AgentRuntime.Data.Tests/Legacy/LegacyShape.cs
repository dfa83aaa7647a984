namespace Nosis.AgentRuntime.Data.Tests.Legacy;

/// <summary>How a hand-written legacy database differs from the one migration 1 creates.</summary>
public sealed record LegacyShape
{
    /// <summary>Gets a value indicating whether the team added its own objects: a column with data on conversations and on workspaces, an index, a trigger and a view.</summary>
    public bool TeamObjects { get; init; }

    /// <summary>Gets a value indicating whether the tables declare their foreign keys (which SQLite, by default, does not enforce).</summary>
    public bool ForeignKeys { get; init; } = true;
}
