using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;
using Nosis.AgentRuntime.Samples.WorkerHost.Api;
using Nosis.AgentRuntime.Samples.WorkerHost.Infrastructure;

namespace Nosis.AgentRuntime.Samples.WorkerHost.Auth;

/// <summary>Authenticates <c>Authorization: Bearer &lt;token&gt;</c> against <see cref="BearerTokens"/>; a refusal is 401 <c>{ "error": "…" }</c>.</summary>
internal sealed class BearerTokenAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    BearerTokens tokens)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "Bearer";

    private const string MissingMessage = "Authentication required: send 'Authorization: Bearer <token>'.";

    protected override Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var header = Request.Headers.Authorization.ToString();

        // The worker's own MCP endpoint checks the run's tool key itself (WorkerToolServer); that key is no user token, and
        // trying it here would log a failed login on every tool call the worker makes to itself.
        if (string.IsNullOrEmpty(header) || Request.Path.StartsWithSegments(WorkerToolServer.Path, StringComparison.Ordinal))
        {
            return Task.FromResult(AuthenticateResult.NoResult());
        }

        if (!header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) || header.Length <= "Bearer ".Length)
        {
            return Task.FromResult(AuthenticateResult.Fail("The Authorization header must be 'Bearer <token>'."));
        }

        if (!tokens.TryGetUser(header["Bearer ".Length..].Trim(), out var userId))
        {
            return Task.FromResult(AuthenticateResult.Fail("Unknown bearer token."));
        }

        var identity = new ClaimsIdentity([new Claim(ClaimTypes.NameIdentifier, userId)], SchemeName);
        return Task.FromResult(AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName)));
    }

    protected override async Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        var result = await HandleAuthenticateOnceSafeAsync();
        Response.StatusCode = StatusCodes.Status401Unauthorized;
        Response.Headers.WWWAuthenticate = SchemeName;
        await Response.WriteAsJsonAsync(new ApiError(result.Failure?.Message ?? MissingMessage));
    }
}
