namespace Nosis.AgentRuntime.Contracts;

/// <summary>Work that must finish after the response has been sent, such as saving a reply or deleting an orphan agent.</summary>
/// <param name="Name">A short name for logs and reports, e.g. <c>save-assistant-message</c>.</param>
/// <param name="Context">Context for reports, e.g. <c>conversation=c_123</c>; never a secret.</param>
/// <param name="ExecuteAsync">The work; its token is cancelled when the host shuts down past its drain timeout.</param>
public sealed record BackgroundWork(string Name, string Context, Func<CancellationToken, Task> ExecuteAsync);
