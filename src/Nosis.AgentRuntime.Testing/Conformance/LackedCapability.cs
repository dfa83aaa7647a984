namespace Nosis.AgentRuntime.Testing.Conformance;

/// <summary>A capability of the kit an adapter truly lacks, declared with the reason, so its checks are listed as skipped instead of failing.</summary>
/// <param name="Name">The capability, one of <see cref="KitCapability"/>.</param>
/// <param name="Reason">Why the adapter lacks it, in words a reviewer reads in the test output.</param>
public sealed record LackedCapability(string Name, string Reason)
{
    /// <inheritdoc/>
    public override string ToString() => $"{Name} ({Reason})";
}
