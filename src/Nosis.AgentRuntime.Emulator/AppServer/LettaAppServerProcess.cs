using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;

namespace Nosis.AgentRuntime.Emulator.AppServer;

/// <summary>
/// Letta's real App Server (<c>letta server</c> of the <c>@letta-ai/letta-code</c> npm package) run for a test: in a scratch home,
/// pointed at an OpenAI-compatible model on loopback (<c>letta connect openai-compatible --base-url</c>), listening on
/// <c>ws://127.0.0.1:</c> a free port, ready once <c>/readyz</c> answers. Connect a WebSocket to <see cref="Url"/> without an
/// <c>Origin</c> header (the App Server answers 403 to one) and create agents with <see cref="ModelHandle"/>.
/// Disposing ends the process tree and deletes the scratch home.
/// </summary>
/// <remarks>
/// The App Server exits by itself once it sees its parent id turn to 1 (an orphan adopted by init), so start it from a process that lives as
/// long as the test, such as the test host; where orphans are adopted by another process it runs on, so this type ends it on dispose and
/// when the host process exits. Its agents' built-in tools (Bash, file edits) run in <see cref="WorkingDirectory"/>, with the
/// environment of <c>PATH</c>, <c>LANG</c> and the scratch home only.
/// </remarks>
public sealed class LettaAppServerProcess : IAsyncDisposable
{
    private const int StartAttempts = 3;
    private readonly LettaAppServerOptions _options;
    private readonly AppServerScratch _scratch;
    private readonly AppServerOutput _output;
    private readonly EventHandler _killOnHostExit;
    private Process? _process;
    private int _port;

    private LettaAppServerProcess(LettaAppServerOptions options, AppServerScratch scratch, string? token)
    {
        _options = options;
        _scratch = scratch;
        Token = token;
        _output = new AppServerOutput(token, options.OutputLine);
        _killOnHostExit = (_, _) => KillNow();
        AppDomain.CurrentDomain.ProcessExit += _killOnHostExit;
    }

    /// <summary>Gets the App Server's WebSocket address, e.g. <c>ws://127.0.0.1:41235/ws</c>.</summary>
    public Uri Url => new(string.Create(CultureInfo.InvariantCulture, $"ws://127.0.0.1:{_port}/ws"));

    /// <summary>Gets the App Server's HTTP address, where <c>/readyz</c> and <c>/healthz</c> answer, e.g. <c>http://127.0.0.1:41235/</c>.</summary>
    public Uri HttpUrl => new(string.Create(CultureInfo.InvariantCulture, $"http://127.0.0.1:{_port}/"));

    /// <summary>Gets the model handle for new agents: <c>openai-compatible/</c> and the model id, e.g. <c>openai-compatible/scripted</c>.</summary>
    public string ModelHandle => "openai-compatible/" + _options.ModelId;

    /// <summary>
    /// Gets the capability token clients send as <c>Authorization: Bearer</c> when <see cref="LettaAppServerOptions.UseCapabilityToken"/>
    /// is set; <see langword="null"/> otherwise. It is in a file of the scratch directory (owner-only), never on a command line or in <see cref="Diagnostics"/>.
    /// </summary>
    public string? Token { get; }

    /// <summary>Gets the scratch home (<c>HOME</c>): letta-code keeps its settings, provider, agents, conversations and memory under <c>.letta</c> there.</summary>
    public string HomeDirectory => _scratch.HomeDirectory;

    /// <summary>Gets the directory the App Server runs in, where its agents' built-in tools run.</summary>
    public string WorkingDirectory => _scratch.WorkingDirectory;

    /// <summary>Gets the App Server's process id.</summary>
    public int ProcessId => _process?.Id ?? 0;

    /// <summary>Gets whether the App Server process has exited.</summary>
    public bool HasExited => _process?.HasExited ?? true;

    /// <summary>Gets the last lines the provider set-up and the App Server wrote to stdout and stderr, the token redacted.</summary>
    public string Diagnostics => _output.Text;

    /// <summary>Prepares a scratch home, connects the model provider, starts the App Server and waits until it is ready.</summary>
    /// <param name="options">Node, letta-code, the model and the token setting.</param>
    /// <param name="cancellationToken">Cancels the start (the process is ended).</param>
    /// <returns>The ready App Server.</returns>
    /// <exception cref="FileNotFoundException">Node or letta.js is missing.</exception>
    /// <exception cref="ArgumentException">The model URL is not on loopback.</exception>
    /// <exception cref="InvalidOperationException">A letta-code step failed; the message has its output.</exception>
    /// <exception cref="TimeoutException">A step overran <see cref="LettaAppServerOptions.StartTimeout"/>; the message has its output.</exception>
    public static async Task<LettaAppServerProcess> StartAsync(LettaAppServerOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        Validate(options);
        var scratch = AppServerScratch.Create();
        var token = options.UseCapabilityToken ? Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32)) : null;
        var server = new LettaAppServerProcess(options, scratch, token);
        try
        {
            if (token is not null)
            {
                scratch.WriteToken(token);
            }

            var connect = AppServerCommand.Create(options, scratch, "--backend", "local", "connect", "openai-compatible", "--base-url", options.ModelBaseUrl.AbsoluteUri.TrimEnd('/'));
            await AppServerProcesses.RunToExitAsync(connect, server._output, "connect", options.StartTimeout, cancellationToken).ConfigureAwait(false);
            await server.StartServerAsync(port: null, cancellationToken).ConfigureAwait(false);
            return server;
        }
        catch
        {
            await server.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>Ends the App Server process tree (as a crash would), keeping its home; <see cref="RestartAsync"/> starts it again.</summary>
    /// <returns>A task that completes when the process has exited.</returns>
    public Task KillAsync() => _process is null ? Task.CompletedTask : AppServerProcesses.KillAsync(_process);

    /// <summary>Ends the App Server if it runs and starts it again on the same port with the same home (its agents and conversations kept).</summary>
    /// <param name="cancellationToken">Cancels the start.</param>
    /// <returns>A task that completes when the App Server is ready again.</returns>
    public async Task RestartAsync(CancellationToken cancellationToken = default)
    {
        await KillAsync().ConfigureAwait(false);
        await StartServerAsync(_port, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Ends the App Server process tree and deletes the scratch home.</summary>
    /// <returns>A task that completes when the process has exited.</returns>
    public async ValueTask DisposeAsync()
    {
        AppDomain.CurrentDomain.ProcessExit -= _killOnHostExit;
        await KillAsync().ConfigureAwait(false);
        _process?.Dispose();
        _scratch.Delete();
    }

    private static void Validate(LettaAppServerOptions options)
    {
        if (!File.Exists(options.NodePath))
        {
            throw new FileNotFoundException("Node was not found.", options.NodePath);
        }

        if (!File.Exists(options.LettaScriptPath))
        {
            throw new FileNotFoundException("letta-code's letta.js was not found.", options.LettaScriptPath);
        }

        ArgumentNullException.ThrowIfNull(options.ModelBaseUrl);
        if (!options.ModelBaseUrl.IsLoopback)
        {
            throw new ArgumentException("The model must be on loopback (127.0.0.1, ::1 or localhost).", nameof(options));
        }
    }

    private async Task StartServerAsync(int? port, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            _port = port ?? AppServerProcesses.FreeLoopbackPort();
            _process?.Dispose();
            _process = AppServerProcesses.Start(AppServerCommand.Create(_options, _scratch, ServerArguments()), _output, "server");
            if (await AppServerProcesses.WaitUntilReadyAsync(_process, new Uri(HttpUrl, "readyz"), _output, _options.StartTimeout, cancellationToken).ConfigureAwait(false))
            {
                return;
            }

            if (attempt == StartAttempts || !_output.Contains("EADDRINUSE"))
            {
                throw new InvalidOperationException(string.Create(CultureInfo.InvariantCulture, $"The App Server exited with code {_process.ExitCode} before it was ready. Output:\n{_output.Text}"));
            }

            await Task.Delay(TimeSpan.FromMilliseconds(200 * attempt), cancellationToken).ConfigureAwait(false);
        }
    }

    private string[] ServerArguments()
    {
        string[] listen = ["server", "--backend", "local", "--listen", Url.GetLeftPart(UriPartial.Authority)];
        return Token is null ? listen : [.. listen, "--ws-auth", "capability-token", "--ws-token-file", _scratch.TokenFile];
    }

    private void KillNow()
    {
        try
        {
            if (_process is { HasExited: false })
            {
                _process.Kill(entireProcessTree: true);
            }
        }
        catch (InvalidOperationException)
        {
            // Already gone.
        }
    }
}
