namespace Nosis.AgentRuntime.Docs.Tests;

/// <summary>One fenced code block of a markdown file, with the docs-test marker that came before it, if any.</summary>
/// <param name="Language">The fence's info string, e.g. <c>csharp</c> or <c>xml</c>; empty when none.</param>
/// <param name="Code">The block's text, without the fences.</param>
/// <param name="Line">The 1-based line of the opening fence, for messages.</param>
/// <param name="Marker">The marker right before the block, or <see langword="null"/> when it has none.</param>
internal sealed record DocBlock(string Language, string Code, int Line, DocMarker? Marker)
{
    /// <summary>Gets a value indicating whether the block is C#.</summary>
    public bool IsCSharp => Language is "csharp" or "cs" or "c#";

    /// <summary>Gets a value indicating whether the block is a project file.</summary>
    public bool IsProject => Language is "xml" or "msbuild";
}
