using Microsoft.AspNetCore.Http;
using Nosis.AgentRuntime.Contracts;

namespace Nosis.AgentRuntime.AspNetCore;

/// <summary>Finds the conversation a request is about, from its route values and its user; <see langword="null"/> answers 404.</summary>
/// <param name="httpContext">The request: route values in <c>Request.RouteValues</c>, the caller in <c>User</c>.</param>
/// <param name="cancellationToken">The request's abort token.</param>
/// <returns>The conversation, or <see langword="null"/> when it does not exist or the caller may not see it.</returns>
public delegate ValueTask<ConversationRuntime?> ConversationResolver(HttpContext httpContext, CancellationToken cancellationToken);
