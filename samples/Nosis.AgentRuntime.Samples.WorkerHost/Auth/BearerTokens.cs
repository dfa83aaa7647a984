using System.Security.Cryptography;

namespace Nosis.AgentRuntime.Samples.WorkerHost.Auth;

/// <summary>The tokens the worker accepts and the user each stands for, from <c>Auth:Tokens:&lt;token&gt;=&lt;userId&gt;</c>.</summary>
internal sealed class BearerTokens
{
    /// <summary>The user a generated development token stands for.</summary>
    public const string DevelopmentUserId = "dev-user";

    private readonly Dictionary<string, string> _users;

    private BearerTokens(Dictionary<string, string> users, string? generatedToken)
    {
        _users = users;
        GeneratedToken = generatedToken;
    }

    /// <summary>Gets the token generated because none was configured (Development only), or <see langword="null"/>.</summary>
    public string? GeneratedToken { get; }

    /// <summary>Gets how many tokens are accepted.</summary>
    public int Count => _users.Count;

    /// <summary>Reads the configured tokens; in Development, with none configured, generates one for <see cref="DevelopmentUserId"/>.</summary>
    public static BearerTokens FromConfiguration(IConfiguration configuration, bool isDevelopment)
    {
        var users = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var entry in configuration.GetSection("Auth:Tokens").GetChildren())
        {
            if (!string.IsNullOrWhiteSpace(entry.Key) && !string.IsNullOrWhiteSpace(entry.Value))
            {
                users[entry.Key] = entry.Value.Trim();
            }
        }

        if (users.Count > 0 || !isDevelopment)
        {
            return new BearerTokens(users, generatedToken: null);
        }

        var token = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
        users[token] = DevelopmentUserId;
        return new BearerTokens(users, token);
    }

    /// <summary>Finds the user a token stands for.</summary>
    public bool TryGetUser(string token, out string userId) => _users.TryGetValue(token, out userId!);
}
