using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Nosis.AgentRuntime.Contracts;

namespace Nosis.AgentRuntime.AspNetCore;

/// <summary>Writes a conversation's stored messages as the JSON <c>UIMessage[]</c> that <c>useChat({ messages })</c> takes as is.</summary>
public sealed class UiMessageHistoryHttpResult : IResult, IStatusCodeHttpResult, IContentTypeHttpResult
{
    private readonly IReadOnlyList<ConversationMessage> _messages;

    internal UiMessageHistoryHttpResult(IReadOnlyList<ConversationMessage> messages)
    {
        _messages = messages;
    }

    /// <inheritdoc/>
    public int? StatusCode => StatusCodes.Status200OK;

    /// <inheritdoc/>
    public string ContentType => "application/json; charset=utf-8";

    /// <inheritdoc/>
    public async Task ExecuteAsync(HttpContext httpContext)
    {
        ArgumentNullException.ThrowIfNull(httpContext);
        httpContext.Response.StatusCode = StatusCodes.Status200OK;
        httpContext.Response.ContentType = ContentType;
        var json = new Utf8JsonWriter(httpContext.Response.Body);
        await using (json.ConfigureAwait(false))
        {
            UiMessageWriter.Write(json, _messages);
            await json.FlushAsync(httpContext.RequestAborted).ConfigureAwait(false);
        }
    }
}
