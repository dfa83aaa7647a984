using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Nosis.AgentRuntime.AppServer.Tests.Infrastructure;
using Nosis.AgentRuntime.Tests;

namespace Nosis.AgentRuntime.AppServer.Tests;

/// <summary>The App Server transcripts of tests/fixtures/appserver keep their convention: a header naming the source, then frames, scrubbed.</summary>
public sealed partial class TranscriptFixtureTests
{

    public static IEnumerable<string> Transcripts()
    {
        var root = NodeInterop.RepositoryRootOrNull;
        return root is null ? [] : Directory.EnumerateFiles(Path.Combine(root, "tests", "fixtures", "appserver"), "*.jsonl").Order(StringComparer.Ordinal).Select(f => Path.GetFileName(f));
    }

    [Test]
    public void There_are_transcripts() => Transcripts().Should().HaveCountGreaterThanOrEqualTo(9);

    [TestCaseSource(nameof(Transcripts))]
    public void The_transcript_names_its_source_and_the_declared_type_of_every_frame_and_is_scrubbed(string file)
    {
        var lines = File.ReadAllLines(Path.Combine(NodeInterop.RepositoryRootOrNull!, "tests", "fixtures", "appserver", file));

        var header = JsonNode.Parse(lines[0])!.AsObject();
        var frames = lines.Skip(1).Select(l => JsonNode.Parse(l)!.AsObject()).ToList();

        ((string?)header["source"]).Should().Be(TranscriptRecorder.Source);
        ((string?)header["protocol"]).Should().Contain("protocol_v2.d.ts");
        frames.Should().NotBeEmpty().And.OnlyContain(f => (string?)f["dir"] == "sent" || (string?)f["dir"] == "recv");
        var types = header["types"]!.AsObject();
        foreach (var type in frames.Select(f => (string)f["frame"]!["type"]!).Distinct())
        {
            ((string?)types[type]).Should().MatchRegex(@"^\w+ \([\w-]+\.d\.ts\)$", $"the header names the declaration of '{type}'");
        }

        lines.SelectMany(l => MachinePath().Matches(l)).Select(m => m.Value).Should().BeEmpty("machine paths are scrubbed to <scratch> and <letta-code>");
    }

    /// <summary>An absolute path under a usual machine root that no scrubbed prefix (<c>&lt;scratch&gt;</c>, <c>&lt;letta-code&gt;</c>) stands before.</summary>
    [GeneratedRegex("(?<![>\\w])/(?:tmp|work|home|root|Users)/[^\"]{0,40}")]
    private static partial Regex MachinePath();
}
