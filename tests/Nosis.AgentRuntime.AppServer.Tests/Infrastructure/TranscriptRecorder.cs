using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Nosis.AgentRuntime.Emulator.AppServer;
using Nosis.AgentRuntime.Emulator.Models;
using Nosis.AgentRuntime.Tests;

namespace Nosis.AgentRuntime.AppServer.Tests.Infrastructure;

/// <summary>
/// Writes what a test sent to and received from the real App Server to tests/fixtures/appserver/NAME.jsonl when
/// <c>NOSIS_RECORD_APPSERVER_TRANSCRIPTS=1</c>: a header line naming the source and, per frame type, the letta-code type that declares
/// it, then one line per frame. Scratch paths, the host name, the ports and any token are scrubbed.
/// </summary>
public static partial class TranscriptRecorder
{
    public const string Variable = "NOSIS_RECORD_APPSERVER_TRANSCRIPTS";
    public const string Source = "captured from the real @letta-ai/letta-code 0.32.18 App Server";

    public static void Save(string name, IReadOnlyList<RecordedFrame> frames, LettaAppServerProcess server, ScriptedModelServer model)
    {
        if (Environment.GetEnvironmentVariable(Variable) != "1" || NodeInterop.RepositoryRootOrNull is not { } root)
        {
            return;
        }

        var (_, letta) = AppServerInstall.Require();
        var declared = DeclaredTypes(Path.Combine(Path.GetDirectoryName(letta)!, "dist", "types", "types"));
        var types = frames.Select(f => (string?)f.Frame["type"]).OfType<string>().Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal);
        var header = new JsonObject
        {
            ["source"] = Source,
            ["protocol"] = "dist/types/types/protocol_v2.d.ts and the files it re-exports, of @letta-ai/letta-code 0.32.18",
            ["types"] = new JsonObject([.. types.Select(t => KeyValuePair.Create(t, (JsonNode?)(declared.TryGetValue(t, out var d) ? d : "not declared with a literal type")))]),
            ["scrubbed"] = "scratch paths as <scratch>, the letta-code package directory as <letta-code>, the host name as <host>, the App Server port as <appserver-port>, the model port as <model-port>",
        };
        var text = new StringBuilder(header.ToJsonString()).Append('\n');
        foreach (var frame in frames)
        {
            var line = new JsonObject { ["dir"] = frame.Direction == FrameDirection.Sent ? "sent" : "recv", ["frame"] = frame.Frame.DeepClone() };
            text.Append(Scrub(line.ToJsonString(), Path.GetDirectoryName(letta)!, server, model)).Append('\n');
        }

        var directory = Directory.CreateDirectory(Path.Combine(root, "tests", "fixtures", "appserver"));
        File.WriteAllText(Path.Combine(directory.FullName, name + ".jsonl"), text.ToString());
    }

    /// <summary>Maps each literal <c>type: "…"</c> of an exported interface in letta-code's declaration files to "Interface (file)".</summary>
    public static Dictionary<string, string> DeclaredTypes(string typesDirectory)
    {
        var declared = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var file in Directory.EnumerateFiles(typesDirectory, "*.d.ts").Order(StringComparer.Ordinal))
        {
            foreach (Match match in InterfaceWithType().Matches(File.ReadAllText(file)))
            {
                declared.TryAdd(match.Groups["type"].Value, $"{match.Groups["name"].Value} ({Path.GetFileName(file)})");
            }
        }

        return declared;
    }

    private static string Scrub(string json, string lettaCode, LettaAppServerProcess server, ScriptedModelServer model)
    {
        var scratch = Path.GetDirectoryName(server.HomeDirectory)!;
        var scrubbed = json.Replace(scratch, "<scratch>", StringComparison.Ordinal)
            .Replace(lettaCode, "<letta-code>", StringComparison.Ordinal)
            .Replace($"127.0.0.1:{server.Url.Port}", "127.0.0.1:<appserver-port>", StringComparison.Ordinal)
            .Replace($"127.0.0.1:{model.BaseUrl.Port}", "127.0.0.1:<model-port>", StringComparison.Ordinal)
            .Replace($"\"{Environment.MachineName}\"", "\"<host>\"", StringComparison.Ordinal);
        return server.Token is null ? scrubbed : scrubbed.Replace(server.Token, "<token>", StringComparison.Ordinal);
    }

    [GeneratedRegex("""export interface (?<name>\w+)[^{]*\{\s*(?:/\*\*[^*]*\*+(?:[^/*][^*]*\*+)*/\s*)?type: "(?<type>[a-z_]+)";""")]
    private static partial Regex InterfaceWithType();
}
