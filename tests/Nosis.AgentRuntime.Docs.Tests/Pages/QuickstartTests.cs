using System.Net;
using System.Text;
using System.Text.Json;

namespace Nosis.AgentRuntime.Docs.Tests.Pages;

/// <summary>docs/quickstart.md and the README's quickstart: copied as written into fresh projects over the packed packages, built, run against the emulator, and driven with useChat's body.</summary>
[Category("Docs")]
public sealed class QuickstartTests
{
    private static string QuickstartPath => Path.Combine(DocsPackageFeed.RepositoryRoot, "docs", "quickstart.md");

    private static string ReadmePath => Path.Combine(DocsPackageFeed.RepositoryRoot, "README.md");

    [Test]
    public void EveryCSharpBlock_OfTheQuickstartAndTheReadme_IsCompiledOrSkippedWithAReason()
    {
        DocCompilation.FindUnmarkedCSharp(QuickstartPath).Concat(DocCompilation.FindUnmarkedCSharp(ReadmePath)).Select(b => $"line {b.Line}")
            .Should().BeEmpty("every C# block is compiled, or carries <!-- docs-test: skip because … -->");
    }

    [Test]
    public async Task Quickstart_AsWritten_BuildsFromThePackagesAndServesUseChatAgainstTheEmulator()
    {
        var compilation = DocCompilation.ReadAll(QuickstartPath)["chat-host"];
        compilation.Project.Should().NotBeNull("the quickstart shows its project file");

        var output = await BuildRunAndChatAsync(await DocProject.WriteAsync(DocsPackageFeed.Feed, compilation), expectHealth: true);

        output.Should().NotContain("System.Net.Http.HttpClient", "the quickstart keeps HttpClient's per-request lines out of Information");
    }

    [Test]
    public async Task Readme_AsWritten_BuildsFromThePackagesAndServesUseChatAgainstTheEmulator()
    {
        var project = DocCompilation.ReadAll(QuickstartPath)["chat-host"].Project!.Code;
        var compilation = DocCompilation.ReadAll(ReadmePath)["readme-host"];

        await BuildRunAndChatAsync(await DocProject.WriteAsync(DocsPackageFeed.Feed, compilation, defaultProject: project.Replace("0.1.0-preview", "{Version}", StringComparison.Ordinal)), expectHealth: false);
    }

    private static async Task<string> BuildRunAndChatAsync(DocProject project, bool expectHealth)
    {
        var (buildExit, buildOutput) = await project.BuildAsync();
        buildExit.Should().Be(0, buildOutput);
        await using var host = await DocHostProcess.StartAsync(project);
        using var http = new HttpClient { BaseAddress = host.BaseUrl, Timeout = TimeSpan.FromSeconds(30) };
        if (expectHealth)
        {
            var health = await http.GetAsync(new Uri("/health/ready", UriKind.Relative));
            health.StatusCode.Should().Be(HttpStatusCode.OK, host.Output);
        }

        var created = await http.PostAsync(new Uri("/api/conversations", UriKind.Relative), null);
        created.StatusCode.Should().Be(HttpStatusCode.OK, host.Output);
        var id = JsonDocument.Parse(await created.Content.ReadAsStringAsync()).RootElement.GetProperty("id").GetString();
        var body = """{"id":"chat","trigger":"submit-message","messages":[{"id":"doc-msg-1","role":"user","parts":[{"type":"text","text":"Hello"}]}]}""";

        using var chat = await http.PostAsync(new Uri($"/api/conversations/{id}/chat", UriKind.Relative), new StringContent(body, Encoding.UTF8, "application/json"));
        var stream = await chat.Content.ReadAsStringAsync();

        chat.StatusCode.Should().Be(HttpStatusCode.OK, stream + host.Output);
        stream.Should().Contain("\"type\":\"text-delta\"").And.Contain("\"type\":\"finish\"");
        JsonElement history = default;
        for (var i = 0; i < 100 && (history.ValueKind != JsonValueKind.Array || history.GetArrayLength() < 2); i++)
        {
            await Task.Delay(50);
            history = JsonDocument.Parse(await http.GetStringAsync(new Uri($"/api/conversations/{id}/ui-messages", UriKind.Relative))).RootElement;
        }

        history.EnumerateArray().Select(m => m.GetProperty("id").GetString()).Should().HaveCount(2).And.StartWith("doc-msg-1");
        history[1].GetProperty("parts").EnumerateArray().Where(p => p.GetProperty("type").GetString() == "text")
            .Select(p => p.GetProperty("text").GetString()).Should().Equal(["Echo: Hello"], "the emulator's agent echoes");
        return host.Output;
    }
}
