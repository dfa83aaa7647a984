using System.Diagnostics;

namespace Nosis.AgentRuntime.Samples.Tests.Infrastructure;

/// <summary>Runs a sample's build output as a real process (<c>dotnet &lt;dll&gt; args</c>) to its end, with a bounded wait.</summary>
internal static class SampleProcess
{
    public static async Task<(int ExitCode, string Stdout, string Stderr)> RunAsync(
        string project,
        IEnumerable<string> arguments,
        IReadOnlyDictionary<string, string?> environment,
        TimeSpan timeout)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(SampleBinaries.Find(project));
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment.Remove("LETTA_BASE_URL");
        start.Environment.Remove("LETTA_API_KEY");
        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var cancel = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(cancel.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }

        return (process.ExitCode, await stdout, await stderr);
    }
}
