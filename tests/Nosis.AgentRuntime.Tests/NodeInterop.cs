using System.Diagnostics;

namespace Nosis.AgentRuntime.Tests;

/// <summary>Runs the Node scripts of tests/interop against the real npm packages installed there.</summary>
internal static class NodeInterop
{
    private static readonly Lazy<string?> RepositoryRoot = new(FindRepositoryRoot);

    public static string InteropDirectory => Path.Combine(RepositoryRoot.Value ?? throw new InvalidOperationException("Repository root not found."), "tests", "interop");

    /// <summary>Ignores the test when node or the npm packages are missing; fails it instead when CI is "true".</summary>
    public static string RequireNodeWith(params string[] packages)
    {
        var node = FindOnPath("node");
        var missing = node is null
            ? "node is not on PATH"
            : RepositoryRoot.Value is null
                ? "the repository root (Nosis.AgentRuntime.sln) was not found"
                : packages.FirstOrDefault(p => !Directory.Exists(Path.Combine(InteropDirectory, "node_modules", p))) is { } package
                    ? $"tests/interop/node_modules/{package} is missing (run npm ci in tests/interop)"
                    : null;

        if (missing is not null)
        {
            IgnoreOrFailUnderCi($"Interop test needs node and the npm packages of tests/interop: {missing}.");
        }

        return node!;
    }

    /// <summary>The repository root (where Nosis.AgentRuntime.sln is), or <see langword="null"/> when the tests run outside it.</summary>
    public static string? RepositoryRootOrNull => RepositoryRoot.Value;

    /// <summary>Ignores the test for <paramref name="reason"/>, or fails it when CI is "true": a missing external component is an error in CI.</summary>
    public static void IgnoreOrFailUnderCi(string reason)
    {
        if (string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.Ordinal))
        {
            Assert.Fail(reason);
        }

        Assert.Ignore(reason);
    }

    public static Task<(int ExitCode, string Stdout, string Stderr)> RunAsync(string node, string script, params string[] arguments) =>
        RunAsync(node, script, TimeSpan.FromSeconds(20), arguments);

    public static async Task<(int ExitCode, string Stdout, string Stderr)> RunAsync(string node, string script, TimeSpan limit, params string[] arguments)
    {
        var start = new ProcessStartInfo(node)
        {
            WorkingDirectory = InteropDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(Path.Combine(InteropDirectory, script));
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(limit);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail($"{script} did not finish within {limit.TotalSeconds} s.");
        }

        return (process.ExitCode, await stdout, await stderr);
    }

    private static string? FindRepositoryRoot()
    {
        for (var directory = new DirectoryInfo(TestContext.CurrentContext.TestDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Nosis.AgentRuntime.sln")))
            {
                return directory.FullName;
            }
        }

        return null;
    }

    internal static string? FindOnPath(string name) =>
        (Environment.GetEnvironmentVariable("PATH") ?? string.Empty)
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(directory => Path.Combine(directory, name))
            .FirstOrDefault(File.Exists);
}
