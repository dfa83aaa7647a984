using System.Globalization;

namespace Nosis.AgentRuntime.RaceWorker;

/// <summary>The parsed command line.</summary>
internal sealed record RaceWorkerArguments
{
    public const string Usage =
        "usage: Nosis.AgentRuntime.RaceWorker --provider sqlite|postgres --database <path|connection string> "
        + "(--letta <url> | --backend appserver --appserver-url <ws url> --appserver-model <handle>) "
        + "--conversation <id,user,office> [--conversation …] [--callers 16] [--mode turns|claims-then-turn] [--scope conversation|user|office] [--deadline <seconds, 120>] --barrier <file> [--name <worker>]";

    public required string Provider { get; init; }

    public required string Database { get; init; }

    /// <summary>Gets the V1 REST server (the emulator); <see langword="null"/> on the App Server backend.</summary>
    public Uri? LettaUrl { get; init; }

    /// <summary>Gets the App Server's WebSocket address when the worker runs on Letta's App Server (<c>--backend appserver</c>).</summary>
    public Uri? AppServerUrl { get; init; }

    /// <summary>Gets the model handle of the agents created on the App Server.</summary>
    public string? AppServerModel { get; init; }

    public required IReadOnlyList<RaceConversation> Conversations { get; init; }

    public int Callers { get; init; } = 16;

    public RaceMode Mode { get; init; } = RaceMode.Turns;

    /// <summary>Gets who shares an agent: scope User or Office races the shared-agent and Letta-conversation claims.</summary>
    public Contracts.AgentScope Scope { get; init; } = Contracts.AgentScope.Conversation;

    public required string BarrierFile { get; init; }

    public string Name { get; init; } = "worker";

    /// <summary>Gets how long the race may take, and a turn may wait for its conversation.</summary>
    public TimeSpan Deadline { get; init; } = TimeSpan.FromSeconds(120);

    /// <summary>Parses the command line.</summary>
    /// <exception cref="FormatException">An argument is missing or malformed.</exception>
    public static RaceWorkerArguments Parse(IReadOnlyList<string> args)
    {
        string? provider = null, database = null, letta = null, barrier = null, name = null, backend = null, appServerUrl = null, appServerModel = null;
        var callers = 16;
        var deadline = 120;
        var mode = RaceMode.Turns;
        var scope = Contracts.AgentScope.Conversation;
        var conversations = new List<RaceConversation>();
        for (var i = 0; i < args.Count; i++)
        {
            var value = i + 1 < args.Count ? args[i + 1] : throw new FormatException($"{args[i]} needs a value.");
            switch (args[i])
            {
                case "--provider": provider = value; break;
                case "--database": database = value; break;
                case "--letta": letta = value; break;
                case "--backend": backend = value; break;
                case "--appserver-url": appServerUrl = value; break;
                case "--appserver-model": appServerModel = value; break;
                case "--barrier": barrier = value; break;
                case "--name": name = value; break;
                case "--deadline": deadline = int.Parse(value, CultureInfo.InvariantCulture); break;
                case "--callers": callers = int.Parse(value, CultureInfo.InvariantCulture); break;
                case "--mode": mode = ParseMode(value); break;
                case "--scope": scope = Enum.TryParse<Contracts.AgentScope>(value, ignoreCase: true, out var parsed) ? parsed : throw new FormatException("--scope must be conversation, user or office."); break;
                case "--conversation": conversations.Add(ParseConversation(value)); break;
                default: throw new FormatException($"Unknown argument {args[i]}.");
            }

            i++;
        }

        if (provider is not ("sqlite" or "postgres"))
        {
            throw new FormatException("--provider must be sqlite or postgres.");
        }

        if (callers < 1 || conversations.Count == 0)
        {
            throw new FormatException("Give at least one --conversation and --callers of 1 or more.");
        }

        var appServer = backend switch
        {
            null or "letta" => false,
            "appserver" => true,
            _ => throw new FormatException("--backend must be letta or appserver."),
        };
        if (appServer && (appServerUrl is null || appServerModel is null))
        {
            throw new FormatException("--backend appserver needs --appserver-url and --appserver-model.");
        }

        return new RaceWorkerArguments
        {
            Provider = provider,
            Database = database ?? throw new FormatException("--database is required."),
            LettaUrl = appServer ? null : new Uri(letta ?? throw new FormatException("--letta is required."), UriKind.Absolute),
            AppServerUrl = appServer ? new Uri(appServerUrl!, UriKind.Absolute) : null,
            AppServerModel = appServerModel,
            BarrierFile = barrier ?? throw new FormatException("--barrier is required."),
            Conversations = conversations,
            Callers = callers,
            Mode = mode,
            Scope = scope,
            Name = name ?? $"worker-{Environment.ProcessId}",
            Deadline = TimeSpan.FromSeconds(deadline),
        };
    }

    private static RaceMode ParseMode(string value) => value switch
    {
        "turns" => RaceMode.Turns,
        "claims-then-turn" => RaceMode.ClaimsThenTurn,
        _ => throw new FormatException("--mode must be turns or claims-then-turn."),
    };

    private static RaceConversation ParseConversation(string value)
    {
        var parts = value.Split(',');
        return parts.Length == 3 && parts.All(p => p.Length > 0)
            ? new RaceConversation(parts[0], parts[1], parts[2])
            : throw new FormatException($"--conversation takes id,user,office; got '{value}'.");
    }
}
