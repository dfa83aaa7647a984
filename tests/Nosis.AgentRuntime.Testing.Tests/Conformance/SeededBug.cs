namespace Nosis.AgentRuntime.Testing.Tests.Conformance;

/// <summary>A deliberately wrong implementation, the kit check that must fail it, and words the failure must contain.</summary>
/// <param name="Suite">The explicit suite over the wrong implementation.</param>
/// <param name="Check">The kit's test method that must fail.</param>
/// <param name="Expected">A fragment of the failure message: the broken guarantee or its likely cause.</param>
public sealed record SeededBug(Type Suite, string Check, string Expected)
{
    /// <inheritdoc/>
    public override string ToString() => $"{Suite.Name}.{Check}";
}
