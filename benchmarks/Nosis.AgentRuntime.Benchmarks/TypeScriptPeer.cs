using System.Diagnostics;
using System.Text.Json;

namespace Nosis.AgentRuntime.Benchmarks;

/// <summary>Times the TypeScript original's path on the same bytes: <c>tests/interop/bench-letta-to-ui.mjs</c> (official Letta client → <c>ai</c> UI message stream).</summary>
public static class TypeScriptPeer
{
    /// <summary>Returns the peer's median in milliseconds, or <see langword="null"/> (with the reason printed) when Node or the interop packages are missing.</summary>
    public static async Task<double?> RunAsync(RecordedLettaStream recording, int runs, TextWriter output)
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
            var start = new ProcessStartInfo("node", ["bench-letta-to-ui.mjs", file, runs.ToString(System.Globalization.CultureInfo.InvariantCulture)])
            {
                WorkingDirectory = interop,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
            };
            using var node = Process.Start(start)!;
            var stdout = node.StandardOutput.ReadToEndAsync();
            var stderr = node.StandardError.ReadToEndAsync();
            await node.WaitForExitAsync().ConfigureAwait(false);
            if (node.ExitCode != 0)
            {
                output.WriteLine($"TypeScript peer failed (exit {node.ExitCode}): {await stderr.ConfigureAwait(false)}");
                return null;
            }

            using var result = JsonDocument.Parse(await stdout.ConfigureAwait(false));
            var deltas = result.RootElement.GetProperty("deltas").GetInt32();
            if (deltas != recording.Deltas)
            {
                output.WriteLine($"TypeScript peer saw {deltas} deltas, expected {recording.Deltas}: not counted.");
                return null;
            }

            return result.RootElement.GetProperty("median_ms").GetDouble();
        }
        catch (System.ComponentModel.Win32Exception)
        {
            output.WriteLine("TypeScript peer skipped: node is not on the PATH.");
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
