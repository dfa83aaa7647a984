using System.Text.Json.Serialization;

namespace Nosis.AgentRuntime.Letta;

/// <summary>One item of a send's <c>messages</c> array: a message, or the results of client-side tool calls.</summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "type")]
[JsonDerivedType(typeof(LettaInputMessage), "message")]
[JsonDerivedType(typeof(LettaApprovalInput), "approval")]
public abstract record LettaInputItem;
