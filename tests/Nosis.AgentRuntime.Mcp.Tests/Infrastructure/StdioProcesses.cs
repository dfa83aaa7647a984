namespace Nosis.AgentRuntime.Mcp.Tests.Infrastructure;

/// <summary>Finds the processes of this machine that carry a marker in their environment (Linux /proc), to prove that none is left running.</summary>
internal static class StdioProcesses
{
    public const string MarkerVariable = "NOSIS_MCP_TEST_MARKER";

    public static string NewMarker() => "mcp-test-" + Guid.NewGuid().ToString("N");

    public static IReadOnlyList<int> WithMarker(string marker)
    {
        if (!Directory.Exists("/proc"))
        {
            Assert.Ignore("Counting stdio server processes reads /proc, which this machine does not have.");
        }

        var needle = $"{MarkerVariable}={marker}";
        var found = new List<int>();
        foreach (var directory in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(directory), out var pid))
            {
                continue;
            }

            try
            {
                var environment = File.ReadAllText(Path.Combine(directory, "environ"));
                if (environment.Split('\0').Contains(needle, StringComparer.Ordinal) && !IsZombie(directory))
                {
                    found.Add(pid);
                }
            }
            catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
            {
                // The process ended while being read, or belongs to another user: not ours.
            }
        }

        return found;
    }

    /// <summary>Waits up to <paramref name="timeout"/> for every process with the marker to end, and returns those still running.</summary>
    public static async Task<IReadOnlyList<int>> WaitUntilGoneAsync(string marker, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            var left = WithMarker(marker);
            if (left.Count == 0 || DateTime.UtcNow > deadline)
            {
                return left;
            }

            await Task.Delay(50);
        }
    }

    private static bool IsZombie(string directory)
    {
        var stat = File.ReadAllText(Path.Combine(directory, "stat"));
        var state = stat[(stat.LastIndexOf(')') + 2)..];
        return state.StartsWith('Z');
    }
}
