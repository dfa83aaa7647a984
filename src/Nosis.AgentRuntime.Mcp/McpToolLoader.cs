using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using ModelContextProtocol.Client;
using Nosis.AgentRuntime.Contracts;
using Nosis.AgentRuntime.Execution;

namespace Nosis.AgentRuntime.Mcp;

/// <summary>An <see cref="IToolLoader"/> that starts, for each turn, the MCP servers of the scopes the conversation's target includes, and offers their tools to Letta.</summary>
/// <remarks>
/// <para>A <c>sandbox</c> conversation gets the servers of scopes <c>global</c> and <c>sandbox</c>; a <c>local</c> one those of
/// <c>global</c> and <c>local</c>. For each, the <see cref="IMcpServerSettingsProvider"/> is asked for the office's settings (always
/// with a concrete office id), then the server is started (stdio) or connected (Streamable HTTP) and listed, all servers at once.</para>
/// <para>A server that fails to start or list within <see cref="McpToolsOptions.StartTimeout"/> is reported to the
/// <see cref="IErrorReporter"/> (secrets redacted) and skipped; the turn goes on with the others. Local servers live for one turn:
/// the returned tool set's release closes every client and so ends every stdio process, exactly once, however the turn ended.</para>
/// </remarks>
public sealed class McpToolLoader : IToolLoader
{
    private readonly McpToolsOptions _options;
    private readonly IMcpServerSettingsProvider _settings;
    private readonly IErrorReporter _errors;
    private readonly ILogger _logger;

    /// <summary>Initializes a loader.</summary>
    /// <param name="options">The servers and time limits.</param>
    /// <param name="settings">The host's callback for each office's settings and credentials.</param>
    /// <param name="errors">Receives the servers that could not be started or listed.</param>
    /// <param name="loggerFactory">Creates the loader's logger; none when <see langword="null"/>. The MCP SDK itself is given no logger, because its events carry commands, URLs and message payloads.</param>
    /// <exception cref="ArgumentNullException">An argument other than <paramref name="loggerFactory"/> is <see langword="null"/>.</exception>
    public McpToolLoader(IOptions<McpToolsOptions> options, IMcpServerSettingsProvider settings, IErrorReporter errors, ILoggerFactory? loggerFactory = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(errors);
        _options = options.Value;
        _settings = settings;
        _errors = errors;
        _logger = (loggerFactory ?? NullLoggerFactory.Instance).CreateLogger<McpToolLoader>();
    }

    /// <inheritdoc/>
    /// <exception cref="ArgumentNullException"><paramref name="request"/> or its conversation is <see langword="null"/>.</exception>
    /// <exception cref="MissingOfficeIdException">The conversation has no office.</exception>
    public async Task<ToolSet> LoadToolsAsync(ToolLoadRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var conversation = request.Conversation ?? throw new ArgumentNullException(nameof(request), "The request has no conversation.");
        if (string.IsNullOrWhiteSpace(conversation.OfficeId))
        {
            throw new MissingOfficeIdException(conversation.ConversationId);
        }

        var scopes = request.Scopes;
        var servers = _options.Servers
            .Where(s => s.Value?.Scope is { } scope && scopes.Contains(scope))
            .OrderBy(s => s.Key, StringComparer.Ordinal)
            .ToList();
        var started = await Task.WhenAll(servers.Select(s => StartAsync(s.Key, s.Value, conversation, cancellationToken))).ConfigureAwait(false);
        var connections = started.OfType<(McpConnection Connection, ToolScope Scope)>().ToList();
        if (cancellationToken.IsCancellationRequested)
        {
            await Task.WhenAll(connections.Select(c => c.Connection.DisposeAsync().AsTask())).ConfigureAwait(false);
            cancellationToken.ThrowIfCancellationRequested();
        }

        try
        {
            return McpToolSet.Create(connections, _options.CallTimeout, _logger);
        }
        catch
        {
            await Task.WhenAll(connections.Select(c => c.Connection.DisposeAsync().AsTask())).ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>Starts and lists one server; <see langword="null"/> when it is not used, failed (reported) or the load was cancelled.</summary>
    private async Task<(McpConnection, ToolScope)?> StartAsync(string name, McpServerOptions server, ConversationRuntime conversation, CancellationToken cancellationToken)
    {
        var scope = server.Scope!.Value;
        var configured = McpServerSettings.From(server);
        McpServerSettings? settings = null;
        McpClient? client = null;
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(_options.StartTimeout);
        try
        {
            settings = await _settings.GetSettingsAsync(
                new McpServerSettingsRequest(conversation.OfficeId, conversation.UserId, conversation.ConversationId, name, scope, configured),
                timeout.Token).ConfigureAwait(false);
            if (settings is null)
            {
                _logger.ServerNotUsed(name, conversation.OfficeId);
                return null;
            }

            // The SDK gets no logger: its events carry commands, URLs and, at Trace, whole messages, none of which may reach a log.
            var transport = McpTransports.Create(name, settings, _options);
            client = await McpClient.CreateAsync(transport, ClientOptions, loggerFactory: null, timeout.Token).ConfigureAwait(false);
            var tools = await client.ListToolsAsync(cancellationToken: timeout.Token).ConfigureAwait(false);
            _logger.ServerStarted(name, settings.TransportName, conversation.ConversationId, tools.Count);
            return (new McpConnection(name, settings, client, [.. tools]), scope);
        }
#pragma warning disable CA1031 // A server that fails in any way is reported and skipped: one bad server never fails the turn.
        catch (Exception exception)
#pragma warning restore CA1031
        {
            if (client is not null)
            {
                await CloseQuietlyAsync(client).ConfigureAwait(false);
            }

            if (!cancellationToken.IsCancellationRequested)
            {
                await ReportAsync(name, settings ?? configured, conversation, exception, timedOut: timeout.IsCancellationRequested).ConfigureAwait(false);
            }

            return null;
        }
    }

    private async Task ReportAsync(string name, McpServerSettings settings, ConversationRuntime conversation, Exception exception, bool timedOut)
    {
        var errorType = exception.GetType().FullName ?? exception.GetType().Name;
        _logger.ServerFailed(name, settings.TransportName, conversation.ConversationId, errorType);
        var secrets = McpSecrets.Of(settings);
        var cause = timedOut
            ? $"it did not start and list its tools within {_options.StartTimeout}"
            : secrets.Redact(McpSecrets.Of(McpServerSettings.From(_options.Servers[name])).Redact(exception.Message));
        var report = new ErrorReport(
            "mcp-start-server",
            $"The MCP server '{name}' ({settings.TransportName}) was skipped for this turn: {cause}",
            $"conversation={conversation.ConversationId} office={conversation.OfficeId} server={name}")
        {
            ErrorType = errorType,
        };
        try
        {
            await _errors.ReportAsync(report, CancellationToken.None).ConfigureAwait(false);
        }
#pragma warning disable CA1031 // A failing error reporter must not fail the turn; the failure was logged above.
        catch (Exception)
#pragma warning restore CA1031
        {
        }
    }

    private static async Task CloseQuietlyAsync(McpClient client)
    {
        try
        {
            await client.DisposeAsync().ConfigureAwait(false);
        }
#pragma warning disable CA1031 // Best effort: the server already failed and is being reported.
        catch (Exception)
#pragma warning restore CA1031
        {
        }
    }

    private static readonly McpClientOptions ClientOptions = new()
    {
        ClientInfo = new() { Name = "nosis-agent-runtime", Version = typeof(McpToolLoader).Assembly.GetName().Version?.ToString() ?? "0.0.0" },
    };
}
