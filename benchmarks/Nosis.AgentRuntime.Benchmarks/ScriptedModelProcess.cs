using System.Diagnostics;
using System.Globalization;
using Nosis.AgentRuntime.Emulator.Models;

namespace Nosis.AgentRuntime.Benchmarks;

/// <summary>
/// <c>--scripted-model</c>: the scripted model of <c>--appserver</c> alone in its own process, so that the benchmark process's CPU
/// time per turn is the client's only. Every request gets the same short reply (reasoning, then a few text deltas); the process
/// prints its base URL on the first line of its output and exits when its standard input closes. It also runs the
/// <see cref="WireRelay"/> in front of the App Server: <c>relay PORT</c> on its input starts it (answer: <c>relay LOCALPORT</c>),
/// <c>marks</c> answers the relay's marks of the last turn.
/// </summary>
public sealed class ScriptedModelProcess : IDisposable
{
    /// <summary>The reasoning of every reply, streamed by the model in 6 chunks (one per word).</summary>
    public const string Reasoning = "The user greets me; answer briefly.";

    /// <summary>The text of every reply, streamed by the model in 9 chunks (one per word).</summary>
    public const string Reply = "Hello! This is a short reply from the model.";

    private readonly Process _child;

    private ScriptedModelProcess(Process child, Uri baseUrl)
    {
        _child = child;
        BaseUrl = baseUrl;
    }

    public Uri BaseUrl { get; }

    /// <summary>Runs the model in this process until standard input closes (the child's side).</summary>
    public static async Task<int> RunAsync(TextWriter output)
    {
        var options = new ScriptedModelOptions { DefaultReply = _ => new ScriptedReply().Reasoning(Reasoning).Text(Reply) };
        await using var model = await ScriptedModelServer.StartAsync(options).ConfigureAwait(false);
        await output.WriteLineAsync(model.BaseUrl.ToString()).ConfigureAwait(false);
        await output.FlushAsync().ConfigureAwait(false);
        WireRelay? relay = null;
        try
        {
            while (await Console.In.ReadLineAsync().ConfigureAwait(false) is { } command)
            {
                if (command.StartsWith("relay ", StringComparison.Ordinal))
                {
                    relay = new WireRelay(int.Parse(command["relay ".Length..], CultureInfo.InvariantCulture));
                    await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"relay {relay.Port}")).ConfigureAwait(false);
                }
                else if (command == "marks" && relay is not null)
                {
                    var (first, last, assistant) = relay.TakeMarks();
                    await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"marks {first} {last} {assistant}")).ConfigureAwait(false);
                }

                await output.FlushAsync().ConfigureAwait(false);
            }
        }
        finally
        {
            relay?.Dispose();
        }

        return 0;
    }

    /// <summary>Starts the wire relay to the App Server's port; returns the relay's port.</summary>
    public async Task<int> StartRelayAsync(int appServerPort)
    {
        var answer = await AskAsync(string.Create(CultureInfo.InvariantCulture, $"relay {appServerPort}")).ConfigureAwait(false);
        return int.Parse(answer[1], CultureInfo.InvariantCulture);
    }

    /// <summary>Takes the relay's marks of the turn that just ended (<see cref="WireRelay.TakeMarks"/>).</summary>
    public async Task<(long FirstClientWrite, long LastClientWrite, long FirstAssistant)> TakeMarksAsync()
    {
        var answer = await AskAsync("marks").ConfigureAwait(false);
        return (long.Parse(answer[1], CultureInfo.InvariantCulture), long.Parse(answer[2], CultureInfo.InvariantCulture), long.Parse(answer[3], CultureInfo.InvariantCulture));
    }

    /// <summary>Starts the child and waits for its address.</summary>
    public static async Task<ScriptedModelProcess> StartAsync()
    {
        var start = new ProcessStartInfo("dotnet", [typeof(ScriptedModelProcess).Assembly.Location, "--scripted-model"])
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
        };
        var child = Process.Start(start) ?? throw new InvalidOperationException("The scripted model process did not start.");
        while (await child.StandardOutput.ReadLineAsync().ConfigureAwait(false) is { } line)
        {
            if (line.StartsWith("http", StringComparison.Ordinal))
            {
                return new ScriptedModelProcess(child, new Uri(line));
            }
        }

        child.Dispose();
        throw new InvalidOperationException("The scripted model process ended before printing its address.");
    }

    private async Task<string[]> AskAsync(string command)
    {
        await _child.StandardInput.WriteLineAsync(command).ConfigureAwait(false);
        await _child.StandardInput.FlushAsync().ConfigureAwait(false);
        var word = command.Split(' ')[0] + " ";
        while (await _child.StandardOutput.ReadLineAsync().ConfigureAwait(false) is { } line)
        {
            if (line.StartsWith(word, StringComparison.Ordinal))
            {
                return line.Split(' ');
            }
        }

        throw new InvalidOperationException($"The scripted model process ended before answering '{command}'.");
    }

    public void Dispose()
    {
        try
        {
            _child.StandardInput.Close();
            if (!_child.WaitForExit(10_000))
            {
                _child.Kill(entireProcessTree: true);
            }
        }
        finally
        {
            _child.Dispose();
        }
    }
}
