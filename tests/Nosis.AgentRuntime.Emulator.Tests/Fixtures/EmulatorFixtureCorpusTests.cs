using System.Collections.Concurrent;
using Nosis.AgentRuntime.Fixtures;

namespace Nosis.AgentRuntime.Emulator.Tests.Fixtures;

/// <summary>The emulator's output for each corpus scenario has the corpus's shapes and passes the corpus's assertions: it cannot drift from Letta's.</summary>
public sealed class EmulatorFixtureCorpusTests
{
    private static readonly ConcurrentDictionary<string, Lazy<Task<ScenarioOutput>>> Played = new();

    public static IEnumerable<LettaFrameFixture> FrameFixtures => FixtureCorpus.Frames.Where(f => f.Scenario is not null);

    public static IEnumerable<LettaBodyFixture> BodyFixtures => FixtureCorpus.Bodies.Where(f => f.Scenario is not null);

    public static IEnumerable<string> StreamScenarios => FrameFixtures.Select(f => f.Scenario!).Distinct();

    [TestCaseSource(nameof(FrameFixtures))]
    public async Task ScenarioFrame_HasTheFixtureShapeAndMeaning(LettaFrameFixture fixture)
    {
        var output = await PlayAsync(fixture.Scenario!);

        var candidates = output.Frames.Where(f => TypeOf(f) == fixture.MessageType).ToList();
        candidates.Should().NotBeEmpty($"scenario {fixture.Scenario} must send a {fixture.MessageType} frame like fixture {fixture.Name}");
        var differences = candidates.Select(f => FixtureCorpus.ShapeDifference(fixture.Frame, f.Data)).ToList();
        differences.Should().Contain((string?)null, $"one {fixture.MessageType} frame of scenario {fixture.Scenario} must have the shape of fixture {fixture.Name}; differences: {string.Join("; ", differences)}");

        var checks = output.Typed.Select(item => FixtureCorpus.Check(item, fixture.Expect, skipIds: true)).ToList();
        checks.Should().Contain(c => c.Count == 0, $"one item the client read from scenario {fixture.Scenario} must pass fixture {fixture.Name}'s expectations; failures: {string.Join(" | ", checks.Select(c => string.Join(", ", c)))}");
    }

    [TestCaseSource(nameof(StreamScenarios))]
    public async Task EveryFrameTheEmulatorSends_MatchesACorpusFixtureOfItsType(string scenario)
    {
        var output = await PlayAsync(scenario);

        foreach (var frame in output.Frames)
        {
            var type = TypeOf(frame);
            var fixtures = FixtureCorpus.Frames.Where(f => f.MessageType == type).ToList();
            fixtures.Should().NotBeEmpty($"the corpus must hold a fixture for every frame type the emulator sends, {type} included");
            fixtures.Select(f => FixtureCorpus.ShapeDifference(f.Frame, frame.Data)).Should().Contain((string?)null, $"the {type} frame {frame.Data.ToJsonString()} of scenario {scenario} must have the shape of a corpus fixture");
        }
    }

    [TestCaseSource(nameof(BodyFixtures))]
    public async Task ScenarioBody_HasTheFixtureShapeAndMeaning(LettaBodyFixture fixture)
    {
        var output = await PlayAsync(fixture.Scenario!);

        var (expected, actual) = fixture.Route == "pending" ? (fixture.Body["pending_approval"], output.Body!["pending_approval"]) : (fixture.Body, output.Body);
        FixtureCorpus.ShapeDifference(expected, actual).Should().BeNull($"the emulator's answer in scenario {fixture.Scenario} must have the shape of fixture {fixture.Name}");
        if (expected is null)
        {
            actual.Should().BeNull();
        }

        FixtureCorpus.Check(output.Typed.Single(), fixture.Expect, skipIds: true).Should().BeEmpty($"fixture {fixture.Name}");
    }

    private static string TypeOf((string Event, System.Text.Json.Nodes.JsonObject Data) frame) =>
        frame.Event is "error" or "cancelled" ? frame.Event : (string?)frame.Data["message_type"] ?? string.Empty;

    private static Task<ScenarioOutput> PlayAsync(string scenario) =>
        Played.GetOrAdd(scenario, s => new Lazy<Task<ScenarioOutput>>(() => EmulatorScenarios.PlayAsync(s))).Value;
}
