using Nosis.AgentRuntime.Contracts;
using Nosis.AgentRuntime.Samples.WorkerHost.Api;
using Nosis.AgentRuntime.Samples.WorkerHost.Auth;
using Nosis.AgentRuntime.Samples.WorkerHost.Infrastructure;

namespace Nosis.AgentRuntime.Samples.WorkerHost.Endpoints;

/// <summary>
/// POST /api/conversations/{id}/chat (useChat's body or <c>{ content }</c>, answered as the UI message stream), GET …/chat/stream
/// (the running reply, resumed; 204 when none), POST …/chat/stop (stops it on whichever worker runs it) and GET …/ui-messages.
/// </summary>
internal static class ChatEndpoints
{
    public static void MapChatEndpoints(this RouteGroupBuilder api)
    {
        api.MapAgentChat("/conversations/{id}/chat", FindConversationAsync, Limits);
        api.MapAgentChatHistory("/conversations/{id}/ui-messages", FindConversationAsync, Limits);
        api.MapAgentChatResume("/conversations/{id}/chat/stream", FindConversationAsync);
        api.MapAgentChatStop("/conversations/{id}/chat/stop", FindConversationAsync);
    }

    private static void Limits(AspNetCore.AgentChatEndpointOptions options)
    {
        options.MaxRequestBodyBytes = WorkerHostLimits.MaxRequestBodyBytes;
        options.MaxUserTextLength = WorkerHostLimits.MaxContentLength;
    }

    /// <summary>The caller's own conversation only: another user's is answered 404, never leaked.</summary>
    private static async ValueTask<ConversationRuntime?> FindConversationAsync(HttpContext context, CancellationToken cancellationToken)
    {
        var id = context.Request.RouteValues["id"] as string ?? string.Empty;
        var access = context.RequestServices.GetRequiredService<OfficeAccess>();
        var scope = context.RequestServices.GetRequiredService<AgentScopeSettings>().Scope;
        return (await access.FindConversationAsync(id, context.User.UserId(), cancellationToken))?.ToRuntime() is { } runtime
            ? runtime with { AgentScope = scope }
            : null;
    }
}
