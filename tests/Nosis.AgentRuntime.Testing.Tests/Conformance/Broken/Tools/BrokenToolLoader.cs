using Nosis.AgentRuntime.Contracts;

namespace Nosis.AgentRuntime.Testing.Tests.Conformance.Broken.Tools;

/// <summary>The base of the deliberately wrong tool loaders: a correct loader whose every load opens one <see cref="ToolConnection"/>.</summary>
public abstract class BrokenToolLoader : IToolLoader
{
    private readonly Dictionary<string, IReadOnlyList<ToolDefinition>> _toolsByOffice = new(StringComparer.Ordinal);
    private int _releases;
    private int _open;

    public int ReleaseCount => Volatile.Read(ref _releases);

    public int OpenCount => Volatile.Read(ref _open);

    public bool ReleaseThrows { get; init; }

    public BrokenToolLoader Serve(string officeId, IReadOnlyList<ToolDefinition> tools)
    {
        _toolsByOffice[officeId] = tools;
        return this;
    }

    public virtual Task<ToolSet> LoadToolsAsync(ToolLoadRequest request, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return Task.FromResult(CreateSet(ToolsFor(request), Open()));
    }

    internal void Closed(bool counted)
    {
        Interlocked.Increment(ref _releases);
        if (counted)
        {
            Interlocked.Decrement(ref _open);
        }

        if (ReleaseThrows)
        {
            throw new IOException("The tool server connection broke while closing.");
        }
    }

    protected virtual IReadOnlyList<ToolDefinition> ToolsFor(ToolLoadRequest request) =>
        [.. ToolsOfOffice(request.OfficeId).Where(t => request.Scopes.Contains(t.Scope))];

    protected IReadOnlyList<ToolDefinition> ToolsOfOffice(string officeId) => _toolsByOffice.GetValueOrDefault(officeId, []);

    protected IReadOnlyList<ToolDefinition> ToolsOfAnyOffice() => _toolsByOffice.Values.FirstOrDefault() ?? [];

    protected ToolConnection Open()
    {
        Interlocked.Increment(ref _open);
        return new ToolConnection(this);
    }

    protected virtual ToolSet CreateSet(IReadOnlyList<ToolDefinition> tools, ToolConnection connection) => new BrokenToolSet(tools, connection);
}
