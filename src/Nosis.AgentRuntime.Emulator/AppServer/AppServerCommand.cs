using System.Diagnostics;

namespace Nosis.AgentRuntime.Emulator.AppServer;

/// <summary>
/// Builds the command lines of letta-code (<c>node letta.js …</c>) with an environment of their own: none of the host's variables
/// but <c>PATH</c> and <c>LANG</c> (so that no API key, Letta URL or proxy reaches the App Server or the tools its agents run),
/// the scratch home as <c>HOME</c>, and letta-code's telemetry, auto-update and LSP downloads switched off.
/// </summary>
internal static class AppServerCommand
{
    public static ProcessStartInfo Create(LettaAppServerOptions options, AppServerScratch scratch, params string[] arguments)
    {
        // Full paths: the process runs in the scratch working directory, where relative ones would not resolve.
        var node = Path.GetFullPath(options.NodePath);
        var start = new ProcessStartInfo(node)
        {
            WorkingDirectory = scratch.WorkingDirectory,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(Path.GetFullPath(options.LettaScriptPath));
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        var path = start.Environment.TryGetValue("PATH", out var p) ? p : null;
        var lang = start.Environment.TryGetValue("LANG", out var l) ? l : null;
        start.Environment.Clear();
        var nodeDirectory = Path.GetDirectoryName(node)!;
        start.Environment["PATH"] = string.IsNullOrEmpty(path) ? nodeDirectory : nodeDirectory + Path.PathSeparator + path;
        if (lang is not null)
        {
            start.Environment["LANG"] = lang;
        }

        start.Environment["HOME"] = scratch.HomeDirectory;
        start.Environment["TMPDIR"] = scratch.TempDirectory;
        start.Environment["NO_PROXY"] = "127.0.0.1,localhost,::1";
        start.Environment["LETTA_CODE_TELEM"] = "0";
        start.Environment["DO_NOT_TRACK"] = "1";
        start.Environment["DISABLE_AUTOUPDATER"] = "1";
        start.Environment["LETTA_DISABLE_LSP_DOWNLOAD"] = "1";
        return start;
    }
}
