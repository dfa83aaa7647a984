using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.Json;

namespace Nosis.AgentRuntime.Data.Tests.Infrastructure;

/// <summary>One running Nosis.AgentRuntime.RaceWorker process: its stdout JSON lines and stderr, collected as they arrive.</summary>
/// <remarks>The worker is built by the test project's reference to it and found beside the test assembly in the artifacts tree.</remarks>
public sealed class RaceWorkerProcess : IDisposable
{
    private const string WorkerName = "Nosis.AgentRuntime.RaceWorker";

    private readonly Process _process;
    private readonly ConcurrentQueue<JsonElement> _lines = new();
    private readonly ConcurrentQueue<string> _stderr = new();
    private readonly TaskCompletionSource _ready = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _stdoutClosed = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private RaceWorkerProcess(Process process)
    {
        _process = process;
    }

    /// <summary>Gets the JSON lines printed so far.</summary>
    public IReadOnlyList<JsonElement> Lines => [.. _lines];

    /// <summary>Gets stderr so far.</summary>
    public string Stderr => string.Join('\n', _stderr);

    /// <summary>Gets a task that completes when the worker printed its ready line.</summary>
    public Task Ready => _ready.Task;

    /// <summary>Finds the worker's dll: <c>&lt;artifacts&gt;/bin/Nosis.AgentRuntime.RaceWorker/&lt;pivot&gt;/</c>, the pivot (e.g. <c>debug</c>) being the test assembly's own.</summary>
    /// <returns>The dll path.</returns>
    public static string FindWorkerDll()
    {
        // The test runs from <artifacts>/bin/Nosis.AgentRuntime.Data.Tests/<pivot>/, wherever NOSIS_ARTIFACTS put <artifacts>.
        var testDirectory = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
        var pivot = testDirectory.Name;
        var bin = testDirectory.Parent?.Parent?.FullName
            ?? throw new InvalidOperationException($"The test assembly is not in an artifacts tree: {testDirectory.FullName}.");
        var dll = Path.Combine(bin, WorkerName, pivot, WorkerName + ".dll");
        return File.Exists(dll)
            ? dll
            : throw new FileNotFoundException($"The race worker was not built next to the tests (expected {dll}); build tests/Nosis.AgentRuntime.Data.Tests.", dll);
    }

    /// <summary>Starts a worker with <c>dotnet &lt;worker.dll&gt; arguments…</c>.</summary>
    /// <param name="workerDll">The worker's dll (see <see cref="FindWorkerDll"/>).</param>
    /// <param name="arguments">Its command line.</param>
    /// <returns>The running worker.</returns>
    public static RaceWorkerProcess Start(string workerDll, IEnumerable<string> arguments)
    {
        var startInfo = new ProcessStartInfo(DotnetHost())
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        startInfo.ArgumentList.Add(workerDll);
        foreach (var argument in arguments)
        {
            startInfo.ArgumentList.Add(argument);
        }

        var process = new Process { StartInfo = startInfo };
        var worker = new RaceWorkerProcess(process);
        process.OutputDataReceived += (_, e) => worker.OnStdout(e.Data);
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is not null)
            {
                worker._stderr.Enqueue(e.Data);
            }
        };
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return worker;
    }

    /// <summary>Waits until the worker exits and its output is read; kills it (and only it) after <paramref name="timeout"/>.</summary>
    /// <param name="timeout">How long to wait.</param>
    /// <returns>The exit code.</returns>
    public async Task<int> WaitForExitAsync(TimeSpan timeout)
    {
        using var cancel = new CancellationTokenSource(timeout);
        try
        {
            await _process.WaitForExitAsync(cancel.Token);
            await _stdoutClosed.Task.WaitAsync(cancel.Token);
        }
        catch (OperationCanceledException)
        {
            _process.Kill(entireProcessTree: true);
            throw new TimeoutException($"The race worker {_process.Id} did not finish within {timeout}. stderr:\n{Stderr}");
        }

        return _process.ExitCode;
    }

    /// <summary>Gets a value indicating whether the worker has exited.</summary>
    public bool Exited => _process.HasExited;

    /// <summary>Kills the worker at once (SIGKILL on Unix, as <c>kill -9</c>) and waits until it is gone.</summary>
    public void Kill()
    {
        if (_process.HasExited)
        {
            return;
        }

        _process.Kill(entireProcessTree: true);
        _process.WaitForExit();
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
        }

        _process.Dispose();
    }

    private static string DotnetHost()
    {
        // The dotnet CLI tells child processes which host runs them; the test host may itself be `dotnet`.
        if (Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host && File.Exists(host))
        {
            return host;
        }

        return Environment.ProcessPath is { } self && Path.GetFileNameWithoutExtension(self) == "dotnet" ? self : "dotnet";
    }

    private void OnStdout(string? line)
    {
        if (line is null)
        {
            _ready.TrySetException(new InvalidOperationException($"The race worker exited before it was ready. stderr:\n{Stderr}"));
            _stdoutClosed.TrySetResult();
            return;
        }

        try
        {
            var element = JsonDocument.Parse(line).RootElement.Clone();
            _lines.Enqueue(element);
            if (element.TryGetProperty("event", out var kind) && kind.GetString() == "ready")
            {
                _ready.TrySetResult();
            }
        }
        catch (JsonException)
        {
            _stderr.Enqueue("(stdout, not JSON) " + line);
        }
    }
}
