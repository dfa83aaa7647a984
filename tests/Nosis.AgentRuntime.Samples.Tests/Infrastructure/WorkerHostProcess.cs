using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Nosis.AgentRuntime.Samples.Tests.Infrastructure;

/// <summary>The worker host sample running as a real process (<c>dotnet &lt;dll&gt; --urls http://127.0.0.1:&lt;port&gt;</c>), configured by environment variables.</summary>
public sealed class WorkerHostProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();

    private WorkerHostProcess(Process process, Uri baseUrl)
    {
        _process = process;
        BaseUrl = baseUrl;
    }

    /// <summary>Gets the address the worker listens on.</summary>
    public Uri BaseUrl { get; }

    /// <summary>Gets what the process wrote so far (stdout and stderr).</summary>
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

    /// <summary>Starts the worker and waits until GET /health answers 200.</summary>
    public static async Task<WorkerHostProcess> StartAsync(IReadOnlyDictionary<string, string> environment)
    {
        var dll = SampleBinaries.Find("Nosis.AgentRuntime.Samples.WorkerHost");
        var port = FreeLoopbackPort();
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = Path.GetDirectoryName(dll)!,
        };
        start.ArgumentList.Add(dll);
        start.ArgumentList.Add("--urls");
        start.ArgumentList.Add($"http://127.0.0.1:{port}");
        foreach (var name in new[] { "LETTA_BASE_URL", "LETTA_API_KEY", "ASPNETCORE_URLS", "ASPNETCORE_ENVIRONMENT", "DOTNET_ENVIRONMENT" })
        {
            start.Environment.Remove(name);
        }

        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException("dotnet could not be started.");
        var host = new WorkerHostProcess(process, new Uri($"http://127.0.0.1:{port}"));
        process.OutputDataReceived += (_, e) => host.Append(e.Data);
        process.ErrorDataReceived += (_, e) => host.Append(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            await host.WaitForHealthAsync();
        }
        catch
        {
            await host.DisposeAsync();
            throw;
        }

        return host;
    }

    /// <summary>Sends SIGTERM (as an orchestrator stopping the container does) and waits for the process to exit.</summary>
    /// <returns>The exit code and how long the process took to exit after the signal.</returns>
    public async Task<(int ExitCode, TimeSpan Took)> TerminateAsync(TimeSpan timeout)
    {
        var took = Stopwatch.StartNew();
        using (var kill = Process.Start(new ProcessStartInfo("kill", ["-TERM", _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]) { UseShellExecute = false })!)
        {
            await kill.WaitForExitAsync();
        }

        using var wait = new CancellationTokenSource(timeout);
        await _process.WaitForExitAsync(wait.Token);
        return (_process.ExitCode, took.Elapsed);
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

    private async Task WaitForHealthAsync()
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < TimeSpan.FromSeconds(30))
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"The worker host exited with {_process.ExitCode} before it was healthy:\n{Output}");
            }

            try
            {
                using var response = await http.GetAsync(new Uri(BaseUrl, "/health"));
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
            }
            catch (TaskCanceledException)
            {
            }

            await Task.Delay(100);
        }

        throw new TimeoutException($"The worker host did not answer /health within 30 s:\n{Output}");
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
    }

    /// <summary>Returns a loopback port that nothing listened on a moment ago.</summary>
    internal static int FreeLoopbackPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
