using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Reflection;
using System.Runtime.InteropServices;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Nosis.AgentRuntime.Diagnostics;
using Nosis.AgentRuntime.Letta.Wire;
using Refit;

namespace Nosis.AgentRuntime.Letta;

/// <summary>The Letta REST client over a Refit interface generated at build time.</summary>
/// <remarks>
/// Sends <c>Authorization: Bearer &lt;key&gt;</c> when <see cref="LettaOptions.ApiKey"/> is set, an honest
/// <c>User-Agent: Nosis.AgentRuntime/&lt;version&gt;</c>, and <c>include</c> explicitly on every read, so the answer does not
/// depend on Letta's SDK-version gate. Thread-safe.
/// </remarks>
public sealed partial class LettaClient : ILettaClient, ILettaFrameSource
{
    private static readonly string[] AgentIncludes = ["agent.tags", "agent.blocks"];
    private static readonly string[] ListIncludes = ["agent.tags"];
    private static readonly string[] PendingIncludes = ["agent.pending_approval"];

    private readonly ILettaApi _api;
    private readonly HttpClient _httpClient;
    private readonly LettaOptions _options;
    private readonly SecretRedactor _redactor;
    private readonly ILogger _logger;
    private readonly TimeProvider _timeProvider;

    /// <summary>Initializes a client over <paramref name="httpClient"/>.</summary>
    /// <param name="httpClient">The HTTP client; its base address is set from <see cref="LettaOptions.BaseUrl"/> when it has none, and its default headers get the key and user agent once.</param>
    /// <param name="options">Where Letta is and how to reach it.</param>
    /// <param name="logger">The logger; none when <see langword="null"/>.</param>
    /// <param name="timeProvider">The clock for <c>Retry-After</c> dates; the system clock when <see langword="null"/>.</param>
    /// <exception cref="ArgumentException">Neither the client nor the options give a base address.</exception>
    public LettaClient(HttpClient httpClient, LettaOptions options, ILogger<LettaClient>? logger = null, TimeProvider? timeProvider = null)
        : this(httpClient, options, SecretRedactor.ForOptions(options), logger, timeProvider)
    {
    }

    /// <summary>Initializes a client that redacts with the host's shared <paramref name="redactor"/>.</summary>
    internal LettaClient(HttpClient httpClient, LettaOptions options, SecretRedactor redactor, ILogger<LettaClient>? logger, TimeProvider? timeProvider)
    {
        ArgumentNullException.ThrowIfNull(httpClient);
        ArgumentNullException.ThrowIfNull(options);

        if (httpClient.BaseAddress is null)
        {
            httpClient.BaseAddress = options.BaseUrl ?? throw new ArgumentException("LettaOptions.BaseUrl is required when the HttpClient has no base address.", nameof(options));
        }

        var headers = httpClient.DefaultRequestHeaders;
        if (headers.Authorization is null && !string.IsNullOrEmpty(options.ApiKey))
        {
            headers.Authorization = new AuthenticationHeaderValue("Bearer", options.ApiKey);
        }

        if (headers.UserAgent.Count == 0)
        {
            headers.UserAgent.Add(new ProductInfoHeaderValue("Nosis.AgentRuntime", Version));
        }

        if (!string.IsNullOrEmpty(options.ProjectId) && !headers.Contains("X-Project-Id"))
        {
            headers.Add("X-Project-Id", options.ProjectId);
        }

        // The context's own options (snake_case, nulls left out) drive both directions; arrays in queries repeat the key.
        var settings = RefitSettings.ForJsonContext(LettaJsonContext.Default);
        settings.CollectionFormat = CollectionFormat.Multi;
        _api = RestService.ForGenerated<ILettaApi>(httpClient, settings);
        _httpClient = httpClient;
        _options = options;
        _redactor = redactor;
        _logger = logger ?? (ILogger)NullLogger.Instance;
        _timeProvider = timeProvider ?? TimeProvider.System;
    }

    /// <summary>Gets the version sent in the <c>User-Agent</c> header.</summary>
    public static string Version { get; } = ReadVersion();

    /// <inheritdoc/>
    public async Task<LettaAgent> CreateAgentAsync(LettaCreateAgentRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        const string Operation = "POST /v1/agents";
        using var response = await InvokeAsync(Operation, token => _api.CreateAgentAsync(request, token), cancellationToken).ConfigureAwait(false);
        EnsureSuccess(Operation, response);
        return response.Content ?? throw EmptyBody(Operation, response);
    }

    /// <inheritdoc/>
    public async Task<LettaAgent?> GetAgentAsync(string agentId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(agentId);
        var operation = $"GET /v1/agents/{agentId}";
        using var response = await InvokeAsync(operation, token => _api.GetAgentAsync(agentId, AgentIncludes, token), cancellationToken).ConfigureAwait(false);
        if (response.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }

        EnsureSuccess(operation, response);
        return response.Content ?? throw EmptyBody(operation, response);
    }

    /// <inheritdoc/>
    public async Task<LettaApprovalRequestMessage?> GetPendingApprovalAsync(string agentId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(agentId);
        var operation = $"GET /v1/agents/{agentId}?include=agent.pending_approval";
        using var response = await InvokeAsync(operation, token => _api.GetPendingApprovalAsync(agentId, PendingIncludes, token), cancellationToken).ConfigureAwait(false);
        EnsureSuccess(operation, response);
        var pending = (response.Content ?? throw EmptyBody(operation, response)).PendingApproval;
        return pending is { ValueKind: JsonValueKind.Object } message
            ? LettaFrameReader.ReadItem(JsonSerializer.SerializeToUtf8Bytes(message, LettaJsonContext.Default.JsonElement)) as LettaApprovalRequestMessage
            : null;
    }

    /// <inheritdoc/>
    public async Task<IReadOnlyList<LettaAgent>> ListAgentsAsync(LettaAgentListQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(query.Limit);
        const string Operation = "GET /v1/agents/";
        var tags = query.Tags.ToArray();
        var matchAll = query.MatchAllTags ? "true" : "false";
        var order = query.OldestFirst ? "asc" : "desc";
        using var response = await InvokeAsync(
            Operation,
            token => _api.ListAgentsAsync(tags, matchAll, query.Limit, query.After, order, ListIncludes, token),
            cancellationToken).ConfigureAwait(false);
        EnsureSuccess(Operation, response);
        return response.Content ?? [];
    }

    /// <inheritdoc/>
    public async Task<bool> DeleteAgentAsync(string agentId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(agentId);
        var operation = $"DELETE /v1/agents/{agentId}";
        using var response = await InvokeAsync(operation, token => _api.DeleteAgentAsync(agentId, token), cancellationToken).ConfigureAwait(false);
        if (response.StatusCode == HttpStatusCode.NotFound)
        {
            return false;
        }

        EnsureSuccess(operation, response);
        return true;
    }

    /// <inheritdoc/>
    public async Task<LettaResponse> SendMessageAsync(string agentId, LettaMessageRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(agentId);
        ArgumentNullException.ThrowIfNull(request);
        var operation = $"POST /v1/agents/{agentId}/messages";
        var body = LettaSendWireRequest.ForSend(request);
        using var response = await InvokeAsync(operation, token => _api.SendMessageAsync(agentId, body, token), cancellationToken).ConfigureAwait(false);
        EnsureSuccess(operation, response);
        var wire = response.Content ?? throw EmptyBody(operation, response);
        var messages = (wire.Messages ?? []).Select(ReadItem).ToList();
        var stopReason = wire.StopReason is { } stop ? ReadItem(stop) as LettaStopReason : null;
        var usage = wire.Usage is { } used ? ReadItem(used) as LettaUsageStatistics : null;
        return new LettaResponse(messages, stopReason, usage);
    }

    /// <summary>Reads one message of a non-streaming reply with the same reader as a stream frame.</summary>
    private static LettaStreamItem ReadItem(JsonElement message) => LettaFrameReader.ReadItem(JsonMarshal.GetRawUtf8Value(message));

    private void EnsureSuccess(string operation, IApiResponse response)
    {
        var status = response.StatusCode ?? HttpStatusCode.InternalServerError;
        if (response.IsSuccessStatusCode && response.Error is null)
        {
            return;
        }

        if (response.IsSuccessStatusCode)
        {
            // The body of a 2xx did not deserialize: a contract mismatch, not a server error.
            throw new LettaApiException(status, operation, "The response body could not be read as the expected JSON.");
        }

        string? body = null;
        if (response.HasResponseError(out var apiError))
        {
            body = apiError.Content;
        }

        throw CreateError(operation, status, body, RetryAfterOf(response.Headers));
    }

    private LettaApiException CreateError(string operation, HttpStatusCode status, string? body, TimeSpan? retryAfter)
    {
        _logger.RequestFailed(operation, (int)status);
        var error = LettaErrorBody.Read(body, _redactor);
        return status == HttpStatusCode.Conflict
            ? new LettaConflictException(operation, error.Message, error.Code) { PendingRequestId = error.PendingRequestId, BusyRunId = error.RunId }
            : new LettaApiException(status, operation, error.Message, retryAfter);
    }

    private TimeSpan? RetryAfterOf(HttpResponseHeaders? headers)
    {
        if (headers is null)
        {
            return null;
        }

        if (headers.TryGetValues("retry-after-ms", out var values)
            && double.TryParse(values.FirstOrDefault(), NumberStyles.Float, CultureInfo.InvariantCulture, out var milliseconds)
            && milliseconds >= 0)
        {
            return TimeSpan.FromMilliseconds(milliseconds);
        }

        return headers.RetryAfter switch
        {
            { Delta: { } delta } => delta,
            { Date: { } date } => date - _timeProvider.GetUtcNow() is var wait && wait > TimeSpan.Zero ? wait : TimeSpan.Zero,
            _ => null,
        };
    }

    private static LettaApiException EmptyBody(string operation, IApiResponse response) =>
        new(response.StatusCode ?? HttpStatusCode.OK, operation, "The response had no body.");

    private static string ReadVersion()
    {
        var assembly = typeof(LettaClient).Assembly;
        var informational = assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion;
        if (!string.IsNullOrEmpty(informational))
        {
            var plus = informational.IndexOf('+', StringComparison.Ordinal);
            return plus < 0 ? informational : informational[..plus];
        }

        return assembly.GetName().Version?.ToString(3) ?? "0.0.0";
    }
}
