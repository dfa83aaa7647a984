namespace Nosis.AgentRuntime.Contracts;

/// <summary>All the adapters the runtime needs, for hosts that prefer to implement them on one object.</summary>
/// <remarks>The optional <see cref="ITurnLeaseStore"/> is not part of it: register one separately for hosts on many machines.</remarks>
public interface IAgentRuntimeAdapter : IAgentIdRegistry, IMessageStore, IToolLoader, IBackgroundScheduler, IErrorReporter;
