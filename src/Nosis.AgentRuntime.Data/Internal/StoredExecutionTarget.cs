using Nosis.AgentRuntime.Execution;

namespace Nosis.AgentRuntime.Data.Internal;

/// <summary>
/// How a stored execution target reads, the same at read time and in migration 2: NULL, blank, and <c>default</c> or
/// <c>sandbox</c> in any letter case (spaces around ignored) are sandbox; <c>local</c> in any letter case is local; anything
/// else is refused.
/// </summary>
internal static class StoredExecutionTarget
{
    /// <summary>Gets the statements of migration 2 that rewrite every readable stored target to its wire name.</summary>
    public static IReadOnlyList<string> NormaliseStatements { get; } =
    [
        "UPDATE conversations SET execution_target = 'sandbox' WHERE execution_target IS NULL "
        + "OR (LOWER(TRIM(execution_target)) IN ('', 'default', 'sandbox') AND execution_target <> 'sandbox')",
        "UPDATE conversations SET execution_target = 'local' WHERE LOWER(TRIM(execution_target)) = 'local' AND execution_target <> 'local'",
    ];

    /// <summary>Reads a stored target.</summary>
    /// <param name="stored">The column value.</param>
    /// <returns>The target.</returns>
    /// <exception cref="UnsupportedExecutionTargetException">The value is not one the rule reads.</exception>
    public static ExecutionTarget Read(string? stored)
    {
        var value = stored.AsSpan().Trim(' ');
        if (value.IsEmpty || value.Equals(ExecutionTargets.SandboxWireName, StringComparison.OrdinalIgnoreCase)
            || value.Equals(ExecutionTargets.LegacyDefaultWireName, StringComparison.OrdinalIgnoreCase))
        {
            return ExecutionTarget.Sandbox;
        }

        return value.Equals(ExecutionTargets.LocalWireName, StringComparison.OrdinalIgnoreCase)
            ? ExecutionTarget.Local
            : throw new UnsupportedExecutionTargetException(stored, surface: null);
    }
}
