using System.Diagnostics;
using System.Text;
using System.Text.RegularExpressions;

namespace Nosis.AgentRuntime.Docs.Tests;

/// <summary>A built docs project that is a web host, running as a real process on a loopback port it chose itself.</summary>
internal sealed partial class DocHostProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();
    private readonly TaskCompletionSource<Uri> _listening = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private DocHostProcess(Process process)
    {
        _process = process;
    }

    /// <summary>Gets the address the host listens on.</summary>
    public Uri BaseUrl => _listening.Task.Result;

    /// <summary>Gets what the process wrote (stdout and stderr).</summary>
    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    /// <summary>Starts <c>dotnet &lt;dll&gt;</c> of a built project in its folder, with no Letta settings, and waits until it listens.</summary>
    public static async Task<DocHostProcess> StartAsync(DocProject project)
    {
        var dll = Directory.GetFiles(Path.Combine(project.Directory, "bin"), Path.GetFileNameWithoutExtension(project.ProjectPath) + ".dll", SearchOption.AllDirectories).Single();
        var start = new ProcessStartInfo("dotnet") { WorkingDirectory = project.Directory, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(dll);
        foreach (var name in start.Environment.Keys.Where(k => k.StartsWith("Letta", StringComparison.OrdinalIgnoreCase) || k.StartsWith("ASPNETCORE_", StringComparison.Ordinal)).ToList())
        {
            start.Environment.Remove(name);
        }

        start.Environment["ASPNETCORE_URLS"] = "http://127.0.0.1:0";
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        var host = new DocHostProcess(Process.Start(start) ?? throw new InvalidOperationException("dotnet could not be started."));
        host._process.OutputDataReceived += (_, e) => host.Append(e.Data);
        host._process.ErrorDataReceived += (_, e) => host.Append(e.Data);
        host._process.BeginOutputReadLine();
        host._process.BeginErrorReadLine();
        var exited = host._process.WaitForExitAsync();
        if (await Task.WhenAny(host._listening.Task, exited, Task.Delay(TimeSpan.FromSeconds(60))) != host._listening.Task)
        {
            var output = host.Output;
            await host.DisposeAsync();
            throw new InvalidOperationException($"The docs host did not start listening:\n{output}");
        }

        return host;
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_output)
        {
            _output.AppendLine(line);
        }

        if (ListeningLine().Match(line) is { Success: true } match)
        {
            _listening.TrySetResult(new Uri(match.Groups["url"].Value));
        }
    }

    [GeneratedRegex(@"Now listening on: (?<url>http://127\.0\.0\.1:\d+)")]
    private static partial Regex ListeningLine();
}
