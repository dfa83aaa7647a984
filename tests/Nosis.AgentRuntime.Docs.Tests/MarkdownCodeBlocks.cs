using System.Text.RegularExpressions;

namespace Nosis.AgentRuntime.Docs.Tests;

/// <summary>Reads the fenced code blocks of a markdown file and the docs-test markers in front of them.</summary>
/// <remarks>
/// The convention (see this project's README.md): an HTML comment on its own line, right before a fence (blank lines in
/// between are allowed), says what the block is for. Readers of the rendered page never see it.
/// <list type="bullet">
/// <item><c>&lt;!-- docs-test: NAME --&gt;</c> — the block belongs to compilation NAME: a C# block becomes one source file of
/// it, an <c>xml</c> block its project file.</item>
/// <item><c>&lt;!-- docs-test: NAME file=Adapter.cs --&gt;</c> — the same, naming the source file.</item>
/// <item><c>&lt;!-- docs-test: skip because … --&gt;</c> — the block is deliberately not compiled (a fragment).</item>
/// </list>
/// </remarks>
internal static partial class MarkdownCodeBlocks
{
    /// <summary>Reads every fenced block of a markdown file, in order.</summary>
    /// <param name="markdownPath">The file.</param>
    /// <returns>The blocks.</returns>
    /// <exception cref="FormatException">A fence is not closed, or a marker is malformed.</exception>
    public static IReadOnlyList<DocBlock> Read(string markdownPath)
    {
        var lines = File.ReadAllLines(markdownPath);
        var blocks = new List<DocBlock>();
        DocMarker? pending = null;
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i];
            var marker = MarkerPattern().Match(line);
            if (marker.Success)
            {
                pending = ParseMarker(marker.Groups["body"].Value.Trim(), markdownPath, i + 1);
                continue;
            }

            var fence = FencePattern().Match(line);
            if (!fence.Success)
            {
                if (line.Trim().Length > 0)
                {
                    pending = null; // a marker applies only to the block right after it
                }

                continue;
            }

            var (code, end) = ReadBlock(lines, i, fence.Groups["fence"].Value, markdownPath);
            blocks.Add(new DocBlock(fence.Groups["info"].Value.Trim().ToLowerInvariant(), code, i + 1, pending));
            pending = null;
            i = end;
        }

        return blocks;
    }

    private static (string Code, int End) ReadBlock(string[] lines, int open, string fence, string path)
    {
        var indent = lines[open].Length - lines[open].TrimStart().Length;
        for (var j = open + 1; j < lines.Length; j++)
        {
            if (lines[j].Trim() == fence)
            {
                var body = lines[(open + 1)..j].Select(l => l.Length >= indent && l[..indent].Trim().Length == 0 ? l[indent..] : l.TrimStart());
                return (string.Join('\n', body) + "\n", j);
            }
        }

        throw new FormatException($"{path}:{open + 1}: the code fence is never closed.");
    }

    private static DocMarker ParseMarker(string body, string path, int line)
    {
        if (body.StartsWith("skip", StringComparison.Ordinal))
        {
            var reason = body[4..].Trim();
            return reason.Length > 0 ? new DocMarker(null, null, reason) : throw new FormatException($"{path}:{line}: a skip marker must say why the block is not compiled.");
        }

        var parts = body.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        string? file = null;
        foreach (var option in parts.Skip(1))
        {
            file = option.StartsWith("file=", StringComparison.Ordinal) && option.Length > 5
                ? option[5..]
                : throw new FormatException($"{path}:{line}: unknown docs-test option '{option}' (only file=Name.cs is known).");
        }

        return parts.Length > 0 && CompilationName().IsMatch(parts[0])
            ? new DocMarker(parts[0], file, null)
            : throw new FormatException($"{path}:{line}: a docs-test marker needs a compilation name of letters, digits and dashes.");
    }

    [GeneratedRegex(@"^\s*<!--\s*docs-test:(?<body>.*?)-->\s*$")]
    private static partial Regex MarkerPattern();

    [GeneratedRegex(@"^\s*(?<fence>`{3,}|~{3,})(?<info>[^`]*)$")]
    private static partial Regex FencePattern();

    [GeneratedRegex(@"^[A-Za-z0-9][A-Za-z0-9-]*$")]
    private static partial Regex CompilationName();
}
