using System.Text.Json;
using ModelContextProtocol.Protocol;
using Nosis.AgentRuntime.Contracts;

namespace Nosis.AgentRuntime.Mcp.Tests;

public sealed class McpToolResultsTests
{
    [Test]
    public void ToToolResult_TextBlocks_AreJoinedByLines()
    {
        var result = new CallToolResult { Content = [new TextContentBlock { Text = "first" }, new TextContentBlock { Text = "second" }] };

        McpToolResults.ToToolResult(result).Should().Be(ToolResult.Success("first\nsecond"));
    }

    [Test]
    public void ToToolResult_StructuredContentWithoutText_IsItsJson()
    {
        var result = new CallToolResult { Content = [], StructuredContent = JsonSerializer.SerializeToElement(new { total = 42 }) };

        McpToolResults.ToToolResult(result).Output.Should().Be("""{"total":42}""");
    }

    [Test]
    public void ToToolResult_StructuredContentWithItsText_IsTheTextOnce()
    {
        var result = new CallToolResult
        {
            Content = [new TextContentBlock { Text = "The total is 42." }],
            StructuredContent = JsonSerializer.SerializeToElement(new { total = 42 }),
        };

        McpToolResults.ToToolResult(result).Output.Should().Be("The total is 42.");
    }

    [Test]
    public void ToToolResult_IsErrorWithoutContent_IsAnErrorWithAMessage()
    {
        var result = new CallToolResult { Content = [], IsError = true };

        McpToolResults.ToToolResult(result).Should().Be(ToolResult.Error("The tool reported an error without a message."));
    }

    [Test]
    public void ToToolResult_ImageAndEmbeddedText_DescribeTheImageAndKeepTheText()
    {
        var result = new CallToolResult
        {
            Content =
            [
                ImageContentBlock.FromBytes(new byte[] { 1, 2, 3 }, "image/png"),
                new EmbeddedResourceBlock { Resource = new TextResourceContents { Uri = "file:///notes.md", Text = "notes" } },
            ],
        };

        McpToolResults.ToToolResult(result).Output.Should().Be("[image image/png]\nnotes");
    }
}
