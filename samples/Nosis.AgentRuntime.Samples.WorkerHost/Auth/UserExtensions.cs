using System.Security.Claims;

namespace Nosis.AgentRuntime.Samples.WorkerHost.Auth;

/// <summary>Reads the authenticated user's id.</summary>
internal static class UserExtensions
{
    public static string UserId(this ClaimsPrincipal user) =>
        user.FindFirstValue(ClaimTypes.NameIdentifier) ?? throw new InvalidOperationException("The endpoint requires an authenticated user.");
}
