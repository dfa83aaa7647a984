using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Nosis.AgentRuntime.Benchmarks;

/// <summary>The worker host sample (built beside this project) as a child process on a free loopback port, configured by environment variables.</summary>
public sealed class WorkerHostChild : IAsyncDisposable
{
    private readonly Process _process;

    private WorkerHostChild(Process process, Uri baseUrl)
    {
        _process = process;
        BaseUrl = baseUrl;
    }

    public Uri BaseUrl { get; }

    public static async Task<WorkerHostChild> StartAsync(IReadOnlyDictionary<string, string> environment)
    {
        // artifacts/bin/<project>/<configuration>/: the sample's output sits beside this one's.
        var own = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
        var dll = Path.Combine(own.Parent!.Parent!.FullName, "Nosis.AgentRuntime.Samples.WorkerHost", own.Name, "Nosis.AgentRuntime.Samples.WorkerHost.dll");
        if (!File.Exists(dll))
        {
            throw new FileNotFoundException("Build the worker host sample (the benchmark project builds it) first.", dll);
        }

        var port = FreePort();
        var start = new ProcessStartInfo("dotnet", [dll, "--urls", $"http://127.0.0.1:{port}"])
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = Path.GetDirectoryName(dll)!,
        };
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException("dotnet could not be started.");
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, e) => { if (e.Data is { } line) Console.Error.WriteLine("worker: " + line); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var child = new WorkerHostChild(process, new Uri($"http://127.0.0.1:{port}"));
        using var http = new HttpClient { BaseAddress = child.BaseUrl };
        var waited = Stopwatch.StartNew();
        while (true)
        {
            try
            {
                if ((await http.GetAsync(new Uri("/health", UriKind.Relative)).ConfigureAwait(false)).IsSuccessStatusCode)
                {
                    return child;
                }
            }
            catch (HttpRequestException) when (!process.HasExited && waited.Elapsed < TimeSpan.FromSeconds(60))
            {
            }

            if (process.HasExited || waited.Elapsed > TimeSpan.FromSeconds(60))
            {
                throw new InvalidOperationException("The worker host did not become healthy.");
            }

            await Task.Delay(100).ConfigureAwait(false);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync().ConfigureAwait(false);
        }

        _process.Dispose();
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
