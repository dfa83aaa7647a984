using System.Text.Json;
using Nosis.AgentRuntime.Contracts;
using Nosis.AgentRuntime.Execution;

namespace Nosis.AgentRuntime.Testing.InMemory;

/// <summary>An <see cref="IToolLoader"/> over tools defined in code, that records every load, call and release.</summary>
/// <remarks>
/// Define tools with <see cref="DefineTool(ToolDefinition, Func{ToolCall, CancellationToken, Task{ToolResult}})"/>; a load
/// returns the tools whose <see cref="ToolDefinition.Scope"/> is among the request's <see cref="ToolLoadRequest.Scopes"/>, in
/// the order they were defined. A tool defined for an office is loaded for that office's conversations only; one defined without
/// an office, for every office. Every member is thread-safe; the recording properties return snapshots.
/// </remarks>
public sealed class InMemoryToolLoader : IToolLoader
{
    private static readonly JsonElement EmptyObjectSchema = JsonDocument.Parse("""{"type":"object","properties":{}}""").RootElement.Clone();

    private readonly Lock _gate = new();
    private readonly List<(ToolDefinition Definition, Func<ToolCall, CancellationToken, Task<ToolResult>> Handler, string? OfficeId)> _tools = [];
    private readonly List<ToolLoadRequest> _loads = [];
    private readonly List<InMemoryToolSet> _toolSets = [];
    private readonly List<ToolCall> _calls = [];
    private int _releaseCount;

    /// <summary>Gets or sets an exception every later load throws, to simulate a tool server that is down.</summary>
    /// <value>The default is <see langword="null"/>: loads succeed.</value>
    public Exception? LoadException { get; set; }

    /// <summary>Gets or sets an exception the release of every tool set throws (after it is counted), to simulate a failing clean-up.</summary>
    /// <value>The default is <see langword="null"/>: releases succeed.</value>
    public Exception? ReleaseException { get; set; }

    /// <summary>Gets the requests of every load so far, in order.</summary>
    public IReadOnlyList<ToolLoadRequest> Loads
    {
        get
        {
            lock (_gate)
            {
                return [.. _loads];
            }
        }
    }

    /// <summary>Gets every tool set loaded so far, in order.</summary>
    public IReadOnlyList<ToolSet> ToolSets
    {
        get
        {
            lock (_gate)
            {
                return [.. _toolSets];
            }
        }
    }

    /// <summary>Gets every tool call made through a loaded set so far, in order.</summary>
    public IReadOnlyList<ToolCall> Calls
    {
        get
        {
            lock (_gate)
            {
                return [.. _calls];
            }
        }
    }

    /// <summary>Gets how many times a tool set released its tools; with correct disposal it never exceeds the loads.</summary>
    public int ReleaseCount => Volatile.Read(ref _releaseCount);

    /// <summary>Gets how many loaded tool sets have not been released yet.</summary>
    public int OpenCount
    {
        get
        {
            lock (_gate)
            {
                return _toolSets.Count(s => s.ReleaseCalls == 0);
            }
        }
    }

    /// <summary>Defines a tool and the handler that answers its calls, for every office.</summary>
    /// <param name="definition">The tool; its name must be new to this loader.</param>
    /// <param name="handler">Answers a call; an exception it throws reaches the caller of <see cref="ToolSet.InvokeAsync"/>.</param>
    /// <returns>This loader, for chaining.</returns>
    /// <exception cref="InvalidOperationException">A tool with the same name was already defined.</exception>
    public InMemoryToolLoader DefineTool(ToolDefinition definition, Func<ToolCall, CancellationToken, Task<ToolResult>> handler) =>
        DefineTool(definition, handler, officeId: null);

    /// <summary>Defines a tool and the handler that answers its calls, for every office or for one.</summary>
    /// <param name="definition">The tool; its name must be new among the tools the same conversations could load.</param>
    /// <param name="handler">Answers a call; an exception it throws reaches the caller of <see cref="ToolSet.InvokeAsync"/>.</param>
    /// <param name="officeId">The only office whose conversations load the tool, or <see langword="null"/> for every office.</param>
    /// <returns>This loader, for chaining.</returns>
    /// <exception cref="InvalidOperationException">A tool with the same name was already defined for the same office or for every office.</exception>
    public InMemoryToolLoader DefineTool(ToolDefinition definition, Func<ToolCall, CancellationToken, Task<ToolResult>> handler, string? officeId)
    {
        ArgumentNullException.ThrowIfNull(definition);
        ArgumentNullException.ThrowIfNull(handler);
        if (officeId is not null)
        {
            ArgumentException.ThrowIfNullOrWhiteSpace(officeId);
        }

        lock (_gate)
        {
            if (_tools.Exists(t => string.Equals(t.Definition.Name, definition.Name, StringComparison.Ordinal)
                && (t.OfficeId is null || officeId is null || string.Equals(t.OfficeId, officeId, StringComparison.Ordinal))))
            {
                throw new InvalidOperationException($"A tool named '{definition.Name}' is already defined for {(officeId is null ? "an office" : $"the office '{officeId}' or every office")}.");
            }

            _tools.Add((definition, handler, officeId));
        }

        return this;
    }

    /// <summary>Defines a tool with an empty object schema and a synchronous handler of its arguments JSON.</summary>
    /// <param name="name">The tool's name; it must be new to this loader.</param>
    /// <param name="scope">Where the tool may be loaded.</param>
    /// <param name="handler">Turns the call's arguments JSON into a result.</param>
    /// <returns>This loader, for chaining.</returns>
    /// <exception cref="InvalidOperationException">A tool with the same name was already defined.</exception>
    public InMemoryToolLoader DefineTool(string name, ToolScope scope, Func<string, ToolResult> handler)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(handler);
        return DefineTool(
            new ToolDefinition(name, $"The '{name}' test tool.", EmptyObjectSchema, scope),
            (call, _) => Task.FromResult(handler(call.ArgumentsJson)));
    }

    /// <inheritdoc/>
    public Task<ToolSet> LoadToolsAsync(ToolLoadRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        cancellationToken.ThrowIfCancellationRequested();
        lock (_gate)
        {
            _loads.Add(request);
            if (LoadException is { } failure)
            {
                return Task.FromException<ToolSet>(failure);
            }

            var scopes = request.Scopes;
            var tools = _tools.Where(t => scopes.Contains(t.Definition.Scope) && (t.OfficeId is null || string.Equals(t.OfficeId, request.OfficeId, StringComparison.Ordinal))).ToDictionary(t => t.Definition.Name, t => t, StringComparer.Ordinal);
            var toolSet = new InMemoryToolSet(this, [.. tools.Values.Select(t => t.Definition)], tools.ToDictionary(t => t.Key, t => t.Value.Handler, StringComparer.Ordinal));
            _toolSets.Add(toolSet);
            return Task.FromResult<ToolSet>(toolSet);
        }
    }

    internal void RecordCall(ToolCall call)
    {
        lock (_gate)
        {
            _calls.Add(call);
        }
    }

    internal void RecordRelease()
    {
        Interlocked.Increment(ref _releaseCount);
        if (ReleaseException is { } failure)
        {
            throw failure;
        }
    }
}
