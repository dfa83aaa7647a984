using System.Text.Json;

namespace Nosis.AgentRuntime.Execution.Tests;

public class ExecutionTargetJsonConverterTests
{
    private static readonly JsonSerializerOptions SnakeCase = new() { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };

    [Test]
    public void Read_LegacyDefault_GivesSandboxAndWritesSandbox()
    {
        var read = JsonSerializer.Deserialize<Conversation>("""{"execution_target":"default"}""", SnakeCase)!;

        read.ExecutionTarget.Should().Be(ExecutionTarget.Sandbox);
        JsonSerializer.Serialize(read, SnakeCase).Should().Be("""{"execution_target":"sandbox"}""");
    }

    [TestCase("sandbox", ExecutionTarget.Sandbox)]
    [TestCase("local", ExecutionTarget.Local)]
    public void RoundTrip_WireName_IsUnchanged(string wire, ExecutionTarget expected)
    {
        var json = $$"""{"execution_target":"{{wire}}"}""";

        var read = JsonSerializer.Deserialize<Conversation>(json, SnakeCase)!;

        read.ExecutionTarget.Should().Be(expected);
        JsonSerializer.Serialize(read, SnakeCase).Should().Be(json);
    }

    [Test]
    public void Read_UnknownValue_ThrowsJsonExceptionNamingTheField()
    {
        var act = () => JsonSerializer.Deserialize<Conversation>("""{"execution_target":"host"}""", SnakeCase);

        var thrown = act.Should().Throw<JsonException>().Which;
        thrown.Path.Should().Be("$.execution_target");
        thrown.Message.Should().Contain("'host'").And.Contain("accepted values");
        thrown.InnerException.Should().BeOfType<UnsupportedExecutionTargetException>();
    }

    [Test]
    public void Read_NonString_ThrowsJsonException()
    {
        var act = () => JsonSerializer.Deserialize<Conversation>("""{"execution_target":1}""", SnakeCase);

        act.Should().Throw<JsonException>().Which.Path.Should().Be("$.execution_target");
    }

    [Test]
    public void Read_NullForNullableTarget_GivesNull()
    {
        var read = JsonSerializer.Deserialize<Filter>("""{"execution_target":null}""", SnakeCase)!;

        read.ExecutionTarget.Should().BeNull();
    }

    private sealed record Conversation(ExecutionTarget ExecutionTarget);

    private sealed record Filter(ExecutionTarget? ExecutionTarget);
}
