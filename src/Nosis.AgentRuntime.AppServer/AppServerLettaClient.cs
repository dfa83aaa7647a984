using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Nosis.AgentRuntime.Letta;

namespace Nosis.AgentRuntime.AppServer;

/// <summary>Letta's App Server as the runtime's Letta backend: agents, conversations and turns over one shared WebSocket (Protocol V2).</summary>
/// <remarks>
/// <para>
/// Protocol V2 forwards Letta's V1 shapes (agent state, messages, stream deltas), so the runtime's claim, turn pipeline,
/// persistence and recovery work on it unchanged. An agent's own conversation is the App Server's <c>default</c>; the shared
/// agent scopes use App Server conversations. The host's tools are registered as external tools of each turn's runtime and
/// run in the host; the server's own tools are held to the <see cref="IAppServerToolPolicy"/>.
/// </para>
/// <para>
/// Not offered by the protocol: the V1 runs API (no background run to re-read from a sequence id: another instance can follow a
/// running turn only from the moment it subscribes), and pending V1 approvals (<see cref="GetPendingApprovalAsync"/> returns
/// none; the server asks its questions in the turn).
/// </para>
/// </remarks>
public sealed class AppServerLettaClient : ILettaClient, ILettaConversationClient, ILettaTurnStopper, IAsyncDisposable
{
    private readonly AppServerConnection _connection;
    private readonly AppServerAgents _agents;
    private readonly AppServerConversations _conversations;
    private readonly AppServerTurns _turns;

    /// <summary>Initializes a new instance of the <see cref="AppServerLettaClient"/> class; it connects on first use.</summary>
    /// <param name="options">The App Server's address, model, token file and permission mode.</param>
    /// <param name="toolPolicy">Decides the calls of the server's own tools; <see cref="ConfiguredAppServerToolPolicy"/> when <see langword="null"/>.</param>
    /// <param name="loggerFactory">Logs connections and decisions; never the token.</param>
    /// <param name="timeProvider">The clock of timeouts and reconnection delays.</param>
    public AppServerLettaClient(IOptions<AppServerOptions> options, IAppServerToolPolicy? toolPolicy = null, ILoggerFactory? loggerFactory = null, TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        var logger = (loggerFactory ?? NullLoggerFactory.Instance).CreateLogger<AppServerLettaClient>();
        _connection = new AppServerConnection(options.Value, logger, timeProvider ?? TimeProvider.System);
        _agents = new AppServerAgents(_connection, options.Value);
        _conversations = new AppServerConversations(_connection);
        _turns = new AppServerTurns(_connection, options.Value, toolPolicy ?? new ConfiguredAppServerToolPolicy(options), logger);
    }

    /// <inheritdoc />
    public Task<LettaAgent> CreateAgentAsync(LettaCreateAgentRequest request, CancellationToken cancellationToken = default) =>
        _agents.CreateAsync(request ?? throw new ArgumentNullException(nameof(request)), cancellationToken);

    /// <inheritdoc />
    public Task<LettaAgent?> GetAgentAsync(string agentId, CancellationToken cancellationToken = default) => _agents.GetAsync(agentId, cancellationToken);

    /// <inheritdoc />
    /// <remarks>The App Server keeps no V1 pending approval: it asks in the turn, and the runtime answers there. Always <see langword="null"/>.</remarks>
    public Task<LettaApprovalRequestMessage?> GetPendingApprovalAsync(string agentId, CancellationToken cancellationToken = default) =>
        Task.FromResult<LettaApprovalRequestMessage?>(null);

    /// <inheritdoc />
    public Task<IReadOnlyList<LettaAgent>> ListAgentsAsync(LettaAgentListQuery query, CancellationToken cancellationToken = default) =>
        _agents.ListAsync(query ?? throw new ArgumentNullException(nameof(query)), cancellationToken);

    /// <inheritdoc />
    public Task<bool> DeleteAgentAsync(string agentId, CancellationToken cancellationToken = default) => _agents.DeleteAsync(agentId, cancellationToken);

    /// <inheritdoc />
    public Task<IReadOnlyList<LettaStreamItem>> ListMessagesAsync(string agentId, LettaMessageListQuery query, CancellationToken cancellationToken = default) =>
        _conversations.ListMessagesAsync(new RuntimeScope(agentId, RuntimeScope.DefaultConversation), query ?? throw new ArgumentNullException(nameof(query)), cancellationToken);

    /// <inheritdoc />
    public async Task<LettaResponse> SendMessageAsync(string agentId, LettaMessageRequest request, CancellationToken cancellationToken = default)
    {
        var items = new List<LettaStreamItem>();
        await foreach (var item in StreamMessageAsync(agentId, request, cancellationToken).ConfigureAwait(false))
        {
            items.Add(item);
        }

        return new LettaResponse(
            [.. items.Where(item => item is not (LettaStopReason or LettaUsageStatistics))], items.OfType<LettaStopReason>().LastOrDefault(), items.OfType<LettaUsageStatistics>().LastOrDefault());
    }

    /// <inheritdoc />
    public IAsyncEnumerable<LettaStreamItem> StreamMessageAsync(string agentId, LettaMessageRequest request, CancellationToken cancellationToken = default) =>
        _turns.StreamAsync(new RuntimeScope(agentId, RuntimeScope.DefaultConversation), request ?? throw new ArgumentNullException(nameof(request)), cancellationToken);

    /// <inheritdoc />
    public Task<LettaConversation> CreateConversationAsync(string agentId, LettaCreateConversationRequest request, CancellationToken cancellationToken = default) =>
        _conversations.CreateAsync(agentId, request ?? throw new ArgumentNullException(nameof(request)), cancellationToken);

    /// <inheritdoc />
    public Task<LettaConversation?> GetConversationAsync(string conversationId, CancellationToken cancellationToken = default) => _conversations.GetAsync(conversationId, cancellationToken);

    /// <inheritdoc />
    public Task<IReadOnlyList<LettaConversation>> ListConversationsAsync(LettaConversationListQuery query, CancellationToken cancellationToken = default) =>
        _conversations.ListAsync(query ?? throw new ArgumentNullException(nameof(query)), cancellationToken);

    /// <inheritdoc />
    /// <remarks>The App Server has no delete: the conversation is archived, as Letta's own soft delete leaves it.</remarks>
    public Task<bool> DeleteConversationAsync(string conversationId, CancellationToken cancellationToken = default) => _conversations.ArchiveAsync(conversationId, cancellationToken);

    /// <inheritdoc />
    public async IAsyncEnumerable<LettaStreamItem> StreamConversationMessageAsync(
        string conversationId, LettaMessageRequest request, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var scope = await _conversations.ScopeOfAsync(conversationId, cancellationToken).ConfigureAwait(false);
        await foreach (var item in _turns.StreamAsync(scope, request, cancellationToken).ConfigureAwait(false))
        {
            yield return item;
        }
    }

    /// <inheritdoc />
    public async Task CancelConversationAsync(string conversationId, CancellationToken cancellationToken = default) =>
        await _turns.AbortAsync(await _conversations.ScopeOfAsync(conversationId, cancellationToken).ConfigureAwait(false), cancellationToken).ConfigureAwait(false);

    /// <inheritdoc />
    public async Task<IReadOnlyList<LettaStreamItem>> ListConversationMessagesAsync(string conversationId, int limit, CancellationToken cancellationToken = default) =>
        await _conversations.ListMessagesAsync(
            await _conversations.ScopeOfAsync(conversationId, cancellationToken).ConfigureAwait(false), new LettaMessageListQuery { Limit = limit }, cancellationToken).ConfigureAwait(false);

    /// <inheritdoc />
    /// <remarks>Sends <c>abort_message</c>; the turn then finishes with <c>cancelled</c> on every subscribed instance.</remarks>
    public Task<bool> StopTurnAsync(LettaTarget target, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(target);
        return _turns.AbortAsync(new RuntimeScope(target.AgentId, target.LettaConversationId ?? RuntimeScope.DefaultConversation), cancellationToken);
    }

    /// <summary>Closes the connection; turns still running on the server are cancelled by it.</summary>
    /// <returns>A task that completes when the socket is closed.</returns>
    public ValueTask DisposeAsync() => _connection.DisposeAsync();
}
