namespace Nosis.AgentRuntime.Samples.WorkerHost.Api;

/// <summary>The limits the API enforces on its inputs.</summary>
internal static class WorkerHostLimits
{
    /// <summary>The largest request body Kestrel accepts; larger ones get 413.</summary>
    public const long MaxRequestBodyBytes = 1_000_000;

    /// <summary>The longest title, office name or workspace name.</summary>
    public const int MaxNameLength = 200;

    /// <summary>The longest chat message.</summary>
    public const int MaxContentLength = 100_000;

    /// <summary>The most conversations or workspaces one page lists.</summary>
    public const int MaxPageSize = 100;
}
