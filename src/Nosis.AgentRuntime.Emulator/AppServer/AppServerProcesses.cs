using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Nosis.AgentRuntime.Emulator.AppServer;

/// <summary>Starts, waits for and ends the letta-code processes of <see cref="LettaAppServerProcess"/>.</summary>
internal static class AppServerProcesses
{
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(50);

    // No proxy: the readiness probe goes to loopback only. No Origin header: the App Server answers 403 to any request that has one.
    private static readonly HttpClient Probe = new(new SocketsHttpHandler { UseProxy = false }) { Timeout = TimeSpan.FromSeconds(2) };

    public static Process Start(ProcessStartInfo start, AppServerOutput output, string source)
    {
        var process = Process.Start(start) ?? throw new InvalidOperationException($"letta-code ({source}) did not start.");
        output.Attach(process, source);
        return process;
    }

    /// <summary>Runs a letta-code command to its end; throws with its output when it fails or overruns <paramref name="timeout"/>.</summary>
    public static async Task RunToExitAsync(ProcessStartInfo start, AppServerOutput output, string source, TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var process = Start(start, output, source);
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        limit.CancelAfter(timeout);
        try
        {
            await process.WaitForExitAsync(limit.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            await KillAsync(process).ConfigureAwait(false);
            cancellationToken.ThrowIfCancellationRequested();
            throw new TimeoutException($"letta-code ({source}) did not finish within {timeout.TotalSeconds:0} s. Output:\n{output.Text}");
        }

        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"letta-code ({source}) failed with exit code {process.ExitCode}. Output:\n{output.Text}");
        }
    }

    /// <summary>Polls <c>/readyz</c> until it answers 200 (true), or the process exits (false); throws when <paramref name="timeout"/> passes first.</summary>
    public static async Task<bool> WaitUntilReadyAsync(Process process, Uri readyz, AppServerOutput output, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var deadline = Stopwatch.GetTimestamp() + (long)(timeout.TotalSeconds * Stopwatch.Frequency);
        while (Stopwatch.GetTimestamp() < deadline)
        {
            if (process.HasExited)
            {
                return false;
            }

            try
            {
                using var response = await Probe.GetAsync(readyz, cancellationToken).ConfigureAwait(false);
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    return true;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }
            catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                // The probe's own timeout: try again.
            }

            await Task.Delay(PollInterval, cancellationToken).ConfigureAwait(false);
        }

        throw new TimeoutException($"The App Server did not answer {readyz} within {timeout.TotalSeconds:0} s. Output:\n{output.Text}");
    }

    /// <summary>Ends the process and its children, and waits (up to 10 s) until it has exited.</summary>
    public static async Task KillAsync(Process process)
    {
        try
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }

            using var limit = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            await process.WaitForExitAsync(limit.Token).ConfigureAwait(false);
        }
        catch (InvalidOperationException)
        {
            // Already gone.
        }
        catch (OperationCanceledException)
        {
            // It ignored the kill for 10 s; nothing more to do from here.
        }
    }

    /// <summary>A loopback port that was free a moment ago (the caller retries when another process takes it first).</summary>
    public static int FreeLoopbackPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
