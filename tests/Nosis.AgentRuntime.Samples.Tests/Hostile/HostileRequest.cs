using System.Text;

namespace Nosis.AgentRuntime.Samples.Tests.Hostile;

/// <summary>One generated request: a method, a target, optional raw body bytes with a content type, and extra headers.</summary>
public sealed record HostileRequest(string Name, string Method, string Target, byte[]? Body = null, string? ContentType = null)
{
    /// <summary>Gets extra request headers (name, value).</summary>
    public IReadOnlyList<(string Name, string Value)> Headers { get; init; } = [];

    /// <summary>Gets whether Kestrel refuses the request line itself (a NUL in the path), before any application code runs: 400 without a body.</summary>
    public bool RefusedByKestrel => Target.Contains("%00", StringComparison.Ordinal) && !Target.Contains('?', StringComparison.Ordinal);

    /// <summary>Gets whether to send the bearer token.</summary>
    public bool Authenticated { get; init; } = true;

    public static HostileRequest Json(string name, string method, string target, string json, string contentType = "application/json") =>
        new(name, method, target, Encoding.UTF8.GetBytes(json), contentType);

    public override string ToString() => $"{Name}: {Method} {(Target.Length > 80 ? Target[..80] + "…" : Target)}";
}
