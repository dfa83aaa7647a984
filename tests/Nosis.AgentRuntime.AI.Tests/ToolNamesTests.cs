namespace Nosis.AgentRuntime.AI.Tests;

public sealed class ToolNamesTests
{
    [TestCase("get_weather", true)]
    [TestCase("read-file-2", true)]
    [TestCase("", false)]
    [TestCase("read.file", false)]
    [TestCase("héllo", false)]
    public void IsValid_FollowsLettasRule(string name, bool valid) => ToolNames.IsValid(name).Should().Be(valid);

    [Test]
    public void IsValid_SixtyFiveCharacters_IsFalse() => ToolNames.IsValid(new string('a', 65)).Should().BeFalse();

    [TestCase("files.read", "files_read")]
    [TestCase("a b/c", "a_b_c")]
    [TestCase("", "tool")]
    public void Sanitize_ReplacesRefusedCharacters(string text, string expected) => ToolNames.Sanitize(text).Should().Be(expected);

    [Test]
    public void Sanitize_LongText_IsCutToTheLimit() => ToolNames.Sanitize(new string('x', 100), 10).Should().Be(new string('x', 10));
}
