using System.Diagnostics.CodeAnalysis;

namespace Nosis.AgentRuntime.Execution;

/// <summary>Wire names, parsing, canonicalisation and the surface capability table for <see cref="ExecutionTarget"/>.</summary>
/// <remarks>
/// Wire names are matched exactly (ordinal, lower case, no trimming): <c>SANDBOX</c> and <c> sandbox</c> are refused, so
/// every stored row and every client speaks one spelling. Absent values (<see langword="null"/> or empty) mean
/// <see cref="ExecutionTarget.Sandbox"/> wherever a target is canonicalised.
/// </remarks>
public static class ExecutionTargets
{
    /// <summary>The wire name of <see cref="ExecutionTarget.Sandbox"/>.</summary>
    public const string SandboxWireName = "sandbox";

    /// <summary>The wire name of <see cref="ExecutionTarget.Local"/>.</summary>
    public const string LocalWireName = "local";

    /// <summary>The legacy wire name that older rows and clients stored; read as <see cref="ExecutionTarget.Sandbox"/>, never written.</summary>
    public const string LegacyDefaultWireName = "default";

    private static readonly ExecutionTarget[] SandboxOnly = [ExecutionTarget.Sandbox];
    private static readonly ExecutionTarget[] SandboxAndLocal = [ExecutionTarget.Sandbox, ExecutionTarget.Local];

    /// <summary>Gets every execution target, in declaration order.</summary>
    public static IReadOnlyList<ExecutionTarget> All => SandboxAndLocal;

    /// <summary>Gets the target that conversation lists filter by when the caller names none.</summary>
    /// <value><see cref="ExecutionTarget.Sandbox"/>, so desktop-local threads never leak into web lists.</value>
    public static ExecutionTarget DefaultListFilter => ExecutionTarget.Sandbox;

    /// <summary>Returns the canonical wire name of a target.</summary>
    /// <param name="target">The target.</param>
    /// <returns><c>sandbox</c> or <c>local</c>.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="target"/> is not a defined value.</exception>
    public static string ToWireName(ExecutionTarget target) => target switch
    {
        ExecutionTarget.Sandbox => SandboxWireName,
        ExecutionTarget.Local => LocalWireName,
        _ => throw new ArgumentOutOfRangeException(nameof(target), target, "Not a defined execution target."),
    };

    /// <summary>Reads a wire name: <c>sandbox</c>, <c>local</c> or the legacy <c>default</c> (as <see cref="ExecutionTarget.Sandbox"/>).</summary>
    /// <param name="value">The wire name, matched exactly.</param>
    /// <param name="target">The target read, or <see cref="ExecutionTarget.Sandbox"/> when the value is not a wire name.</param>
    /// <returns><see langword="true"/> when <paramref name="value"/> is a wire name.</returns>
    public static bool TryParse(ReadOnlySpan<char> value, out ExecutionTarget target)
    {
        if (value.SequenceEqual(SandboxWireName) || value.SequenceEqual(LegacyDefaultWireName))
        {
            target = ExecutionTarget.Sandbox;
            return true;
        }

        if (value.SequenceEqual(LocalWireName))
        {
            target = ExecutionTarget.Local;
            return true;
        }

        target = ExecutionTarget.Sandbox;
        return false;
    }

    /// <summary>Reads a wire name, refusing anything that is not one.</summary>
    /// <param name="value">The wire name, matched exactly.</param>
    /// <returns>The target.</returns>
    /// <exception cref="UnsupportedExecutionTargetException"><paramref name="value"/> is null, empty or not a wire name.</exception>
    public static ExecutionTarget Parse(string? value) =>
        TryParse(value, out var target) ? target : throw new UnsupportedExecutionTargetException(value, surface: null);

    /// <summary>Canonicalises a target for a surface: absent means sandbox, legacy <c>default</c> means sandbox, and the result must run on <paramref name="surface"/>.</summary>
    /// <param name="surface">The surface that will run or list the conversation.</param>
    /// <param name="value">The wire name from a request or a stored row; <see langword="null"/> or empty means sandbox.</param>
    /// <returns>The canonical target.</returns>
    /// <exception cref="UnsupportedExecutionTargetException">The value is not a wire name, or its target does not run on <paramref name="surface"/>.</exception>
    public static ExecutionTarget CanonicalizeFor(ExecutionSurface surface, string? value) =>
        TryCanonicalizeFor(surface, value, out var target) ? target : throw new UnsupportedExecutionTargetException(value, surface);

    /// <summary>Canonicalises a target for a surface without throwing.</summary>
    /// <param name="surface">The surface that will run or list the conversation.</param>
    /// <param name="value">The wire name; <see langword="null"/> or empty means sandbox.</param>
    /// <param name="target">The canonical target, or <see cref="ExecutionTarget.Sandbox"/> when refused.</param>
    /// <returns><see langword="true"/> when the value is accepted on <paramref name="surface"/>.</returns>
    public static bool TryCanonicalizeFor(ExecutionSurface surface, string? value, out ExecutionTarget target)
    {
        if (string.IsNullOrEmpty(value))
        {
            target = ExecutionTarget.Sandbox;
            return true;
        }

        if (TryParse(value, out target) && IsSupportedOn(target, surface))
        {
            return true;
        }

        target = ExecutionTarget.Sandbox;
        return false;
    }

    /// <summary>Canonicalises a target for the cloud worker: absent, <c>sandbox</c> and <c>default</c> give sandbox; anything else is refused.</summary>
    /// <param name="value">The wire name; <see langword="null"/> or empty means sandbox.</param>
    /// <returns><see cref="ExecutionTarget.Sandbox"/>.</returns>
    /// <exception cref="UnsupportedExecutionTargetException">The value is anything else, <c>local</c> included.</exception>
    public static ExecutionTarget CanonicalizeForCloud(string? value) => CanonicalizeFor(ExecutionSurface.Worker, value);

    /// <summary>Canonicalises a target for the cloud worker without throwing.</summary>
    /// <param name="value">The wire name; <see langword="null"/> or empty means sandbox.</param>
    /// <param name="target">Always <see cref="ExecutionTarget.Sandbox"/>.</param>
    /// <returns><see langword="true"/> when the value is accepted.</returns>
    public static bool TryCanonicalizeForCloud(string? value, out ExecutionTarget target) =>
        TryCanonicalizeFor(ExecutionSurface.Worker, value, out target);

    /// <summary>Tells whether a surface runs or lists a target.</summary>
    /// <param name="target">The target.</param>
    /// <param name="surface">The surface.</param>
    /// <returns><see langword="true"/> for sandbox everywhere and for local on the desktop.</returns>
    public static bool IsSupportedOn(ExecutionTarget target, ExecutionSurface surface) => target switch
    {
        ExecutionTarget.Sandbox => surface is ExecutionSurface.Worker or ExecutionSurface.Web or ExecutionSurface.Desktop,
        ExecutionTarget.Local => surface is ExecutionSurface.Desktop,
        _ => false,
    };

    /// <summary>Lists the targets a surface runs or lists.</summary>
    /// <param name="surface">The surface.</param>
    /// <returns>Sandbox for the worker and the web; sandbox and local for the desktop.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="surface"/> is not a defined value.</exception>
    public static IReadOnlyList<ExecutionTarget> SupportedOn(ExecutionSurface surface) => surface switch
    {
        ExecutionSurface.Worker or ExecutionSurface.Web => SandboxOnly,
        ExecutionSurface.Desktop => SandboxAndLocal,
        _ => throw new ArgumentOutOfRangeException(nameof(surface), surface, "Not a defined execution surface."),
    };

    [SuppressMessage("Style", "IDE0072", Justification = "Undefined surfaces fall back to the full list of wire names.")]
    internal static IReadOnlyList<string> AcceptedWireNames(ExecutionSurface? surface) =>
        surface is ExecutionSurface.Worker or ExecutionSurface.Web
            ? [SandboxWireName]
            : [SandboxWireName, LocalWireName];
}
