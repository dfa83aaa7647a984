using System.Diagnostics;

namespace Nosis.AgentRuntime.Samples.DesktopHost;

/// <summary>Finds the npm filesystem MCP server (<c>@modelcontextprotocol/server-filesystem</c>), installing it beside the sample when missing.</summary>
internal static class FilesystemServer
{
    public const string Package = "@modelcontextprotocol/server-filesystem";
    public const string Version = "2026.8.31";

    /// <summary>Returns node and the server's script, or <see langword="null"/> after saying plainly what is missing.</summary>
    public static async Task<(string Node, string Script)?> LocateAsync(string? given)
    {
        var node = FindOnPath("node");
        if (node is null)
        {
            Console.Error.WriteLine("Local tools need Node.js 20 or later: install it (e.g. `apt-get install nodejs npm`) and run the sample again.");
            return null;
        }

        if (given is not null)
        {
            return (node, given);
        }

        var prefix = Path.Combine(AppContext.BaseDirectory, "mcp-servers");
        var script = Path.Combine(prefix, "node_modules", Package, "dist", "index.js");
        if (File.Exists(script))
        {
            return (node, script);
        }

        if (FindOnPath("npm") is not { } npm)
        {
            Console.Error.WriteLine($"The filesystem MCP server is not installed and npm is missing: install npm, or run `npm install {Package}@{Version}` and pass --filesystem-server <its dist/index.js>.");
            return null;
        }

        Console.WriteLine($"Installing {Package}@{Version} into {prefix} (once)...");
        Directory.CreateDirectory(prefix);
        var install = new ProcessStartInfo(npm) { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in new[] { "install", "--prefix", prefix, "--no-audit", "--no-fund", "--loglevel=error", $"{Package}@{Version}" })
        {
            install.ArgumentList.Add(argument);
        }

        using var process = Process.Start(install)!;
        var errors = process.StandardError.ReadToEndAsync();
        _ = await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0 || !File.Exists(script))
        {
            Console.Error.WriteLine($"npm could not install {Package} (exit code {process.ExitCode}): {(await errors).Trim()}");
            return null;
        }

        return (node, script);
    }

    private static string? FindOnPath(string name) =>
        (Environment.GetEnvironmentVariable("PATH") ?? string.Empty)
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .SelectMany(directory => new[] { Path.Combine(directory, name), Path.Combine(directory, name + ".cmd"), Path.Combine(directory, name + ".exe") })
            .FirstOrDefault(File.Exists);
}
