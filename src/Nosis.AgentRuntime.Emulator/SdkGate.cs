using Microsoft.AspNetCore.Http;

namespace Nosis.AgentRuntime.Emulator;

/// <summary>Letta's test for a "1.0+ SDK" caller (wire contract §1).</summary>
internal static class SdkGate
{
    public static bool IsV1Client(HttpRequest request)
    {
        if (request.Headers.ContainsKey("X-Stainless-Package-Version"))
        {
            return true;
        }

        var userAgent = request.Headers.UserAgent.ToString();
        if (string.IsNullOrEmpty(userAgent))
        {
            return true;
        }

        return userAgent.StartsWith("letta-client/1.", StringComparison.OrdinalIgnoreCase)
            || userAgent.StartsWith("@letta-ai/letta-client/1.", StringComparison.OrdinalIgnoreCase)
            || !userAgent.Contains('/', StringComparison.Ordinal);
    }
}
