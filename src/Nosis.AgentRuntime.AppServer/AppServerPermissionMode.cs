namespace Nosis.AgentRuntime.AppServer;

/// <summary>The App Server's permission mode of a runtime: what its own tools (shell, file edits) may do on the server machine without asking.</summary>
public enum AppServerPermissionMode
{
    /// <summary>Every tool call that is not read-only asks the runtime first (<c>standard</c>); the runtime answers through its <see cref="IAppServerToolPolicy"/>.</summary>
    Standard,

    /// <summary>File edits run without asking; other calls ask (<c>acceptEdits</c>).</summary>
    AcceptEdits,

    /// <summary>Every tool call asks, read-only ones too (<c>strict</c>).</summary>
    Strict,

    /// <summary>Every tool runs on the server machine without asking (<c>unrestricted</c>). Only for a server the host fully trusts the agent with.</summary>
    Unrestricted,
}
