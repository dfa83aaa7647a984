using System.Globalization;
using System.Threading.RateLimiting;
using Nosis.AgentRuntime.Samples.WorkerHost.Api;
using Nosis.AgentRuntime.Samples.WorkerHost.Auth;

namespace Nosis.AgentRuntime.Samples.WorkerHost.Infrastructure;

/// <summary>
/// A per-user fixed-window limit on <c>POST /api/conversations/{id}/chat</c> (ASP.NET Core's rate limiter): past
/// <c>RateLimit:Chat:PermitsPerWindow</c> turns (default 60) per <c>RateLimit:Chat:WindowSeconds</c> (default 60) the user
/// gets 429 with <c>Retry-After</c>. <c>PermitsPerWindow</c> 0 turns the limit off. Other routes are not limited.
/// </summary>
internal static class ChatRateLimiting
{
    private const string ChatRoute = "/api/conversations/{id}/chat";

    public static void AddChatRateLimiter(this IServiceCollection services, IConfiguration configuration)
    {
        var permits = configuration.GetValue("RateLimit:Chat:PermitsPerWindow", 60);
        var window = TimeSpan.FromSeconds(configuration.GetValue("RateLimit:Chat:WindowSeconds", 60));
        if (permits < 0 || window <= TimeSpan.Zero)
        {
            throw new InvalidOperationException("RateLimit:Chat:PermitsPerWindow must be 0 or more and RateLimit:Chat:WindowSeconds more than 0.");
        }

        services.AddRateLimiter(options =>
        {
            options.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(context =>
                permits == 0 || !IsChat(context) || context.User.Identity?.IsAuthenticated != true
                    ? RateLimitPartition.GetNoLimiter(string.Empty)
                    : RateLimitPartition.GetFixedWindowLimiter(
                        context.User.UserId(),
                        _ => new FixedWindowRateLimiterOptions { PermitLimit = permits, Window = window, QueueLimit = 0 }));
            options.OnRejected = (rejected, cancellationToken) =>
            {
                var retryAfter = rejected.Lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : window;
                var seconds = Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds));
                var response = rejected.HttpContext.Response;
                response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
                return new ValueTask(ApiError.Status(
                    StatusCodes.Status429TooManyRequests,
                    $"Too many chat turns: at most {permits} per {window.TotalSeconds:0} s; try again in {seconds} s.").ExecuteAsync(rejected.HttpContext));
            };
        });
    }

    private static bool IsChat(HttpContext context) =>
        HttpMethods.IsPost(context.Request.Method)
        && context.GetEndpoint() is RouteEndpoint endpoint
        && string.Equals(endpoint.RoutePattern.RawText, ChatRoute, StringComparison.Ordinal);
}
