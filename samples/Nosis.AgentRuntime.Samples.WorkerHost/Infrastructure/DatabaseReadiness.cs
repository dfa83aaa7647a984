namespace Nosis.AgentRuntime.Samples.WorkerHost.Infrastructure;

/// <summary>Whether the database has been migrated since start-up; until then every /api request is answered 503.</summary>
internal sealed class DatabaseReadiness
{
    private volatile bool _ready;

    public bool IsReady => _ready;

    public void MarkReady() => _ready = true;
}
