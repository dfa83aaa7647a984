namespace Nosis.AgentRuntime.Samples.WorkerHost.Api;

/// <summary>The limits the API enforces on its inputs.</summary>
internal static class WorkerHostLimits
{
    /// <summary>The largest request body Kestrel accepts; larger ones get 413.</summary>
    public const long MaxRequestBodyBytes = 1_000_000;

    /// <summary>The longest title, office name or workspace name.</summary>
    public const int MaxNameLength = 200;

    /// <summary>The longest id accepted in a path, a query or a body; longer ones get 400 (stored ids are 32-character GUIDs).</summary>
    public const int MaxIdLength = 128;

    /// <summary>The longest request target (path and query) answered; longer ones get 414.</summary>
    public const int MaxRequestTargetLength = 8 * 1024;

    /// <summary>The most header bytes (names and values) answered; more get 431.</summary>
    public const int MaxRequestHeaderBytes = 32 * 1024;

    /// <summary>How far Kestrel itself reads request lines and headers, above the limits the API answers with a JSON body.</summary>
    public const int KestrelHeaderAndLineLimit = 512 * 1024;

    /// <summary>The longest chat message.</summary>
    public const int MaxContentLength = 100_000;

    /// <summary>The most conversations or workspaces one page lists.</summary>
    public const int MaxPageSize = 100;
}
