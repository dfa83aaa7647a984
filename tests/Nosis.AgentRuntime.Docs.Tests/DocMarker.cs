namespace Nosis.AgentRuntime.Docs.Tests;

/// <summary>A <c>&lt;!-- docs-test: … --&gt;</c> comment that says what to do with the next code block.</summary>
/// <param name="Compilation">The compilation the block belongs to, or <see langword="null"/> for a skipped block.</param>
/// <param name="FileName">The file name the block is written to, when the marker names one (<c>file=Name.cs</c>).</param>
/// <param name="SkipReason">Why the block is not compiled, for a <c>skip</c> marker.</param>
internal sealed record DocMarker(string? Compilation, string? FileName, string? SkipReason)
{
    /// <summary>Gets a value indicating whether the block is deliberately left out of every compilation.</summary>
    public bool IsSkip => Compilation is null;
}
