using Nosis.AgentRuntime.Tests;

namespace Nosis.AgentRuntime.Samples.Tests.Infrastructure;

/// <summary>Finds Debian's chromium for the browser tests; ignores the test when it is missing, fails it instead when CI is "true".</summary>
internal static class Chromium
{
    public static string Require()
    {
        var chromium = NodeInterop.FindOnPath("chromium") ?? NodeInterop.FindOnPath("chromium-browser");
        if (chromium is null)
        {
            var reason = "Browser test needs Debian's chromium on PATH (eng/test.sh installs it: apt-get install chromium).";
            if (string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.Ordinal))
            {
                Assert.Fail(reason);
            }

            Assert.Ignore(reason);
        }

        return chromium!;
    }

    /// <summary>Gets the worker's bundled chat page; ignored (failed under CI) when npm could not build it.</summary>
    public static string RequireChatPage()
    {
        var page = Path.Combine(Path.GetDirectoryName(SampleBinaries.Find("Nosis.AgentRuntime.Samples.WorkerHost"))!, "page");
        if (!File.Exists(Path.Combine(page, "app.js")))
        {
            var reason = $"The worker's chat page is not built at {page} (the worker's build bundles it with npm and esbuild).";
            if (string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.Ordinal))
            {
                Assert.Fail(reason);
            }

            Assert.Ignore(reason);
        }

        return page;
    }
}
