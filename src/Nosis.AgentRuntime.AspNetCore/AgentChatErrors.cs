using System.Data.Common;
using Microsoft.AspNetCore.Http;
using Nosis.AgentRuntime.Claims;
using Nosis.AgentRuntime.Execution;
using Nosis.AgentRuntime.Letta;

namespace Nosis.AgentRuntime.AspNetCore;

/// <summary>Maps what a turn can fail with before its first byte to the status and message a useChat client should see.</summary>
internal static class AgentChatErrors
{
    public static AgentChatProblemHttpResult? TryMap(Exception exception) => exception switch
    {
        AgentChatRequestException request => new(request.StatusCode, request.Message),
        UnsupportedExecutionTargetException target => new(StatusCodes.Status400BadRequest, $"The conversation's execution target is not served here: {target.Message}"),
        AgentBusyException busy => new(StatusCodes.Status409Conflict, busy.Message),
        LettaApiException letta => new(
            StatusCodes.Status502BadGateway, $"The Letta server refused the turn ({(int)letta.StatusCode} on {letta.Operation})."),
        HttpRequestException => new(StatusCodes.Status502BadGateway, "The Letta server could not be reached."),
        AgentClaimException => new(StatusCodes.Status503ServiceUnavailable, "The conversation's agent could not be claimed; try again shortly."),
        DbException => new(StatusCodes.Status503ServiceUnavailable, "The message store is unavailable; try again shortly."),
        _ => null,
    };
}
