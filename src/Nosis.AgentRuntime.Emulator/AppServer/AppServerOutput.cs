using System.Diagnostics;
using System.Text;

namespace Nosis.AgentRuntime.Emulator.AppServer;

/// <summary>The last lines an App Server process wrote to stdout and stderr, with the capability token redacted.</summary>
internal sealed class AppServerOutput(string? secret, Action<string>? forward)
{
    private const int MaxLines = 400;
    private const string Redacted = "[redacted]";
    private readonly Queue<string> _lines = new();

    public string Text
    {
        get
        {
            lock (_lines)
            {
                return string.Join('\n', _lines);
            }
        }
    }

    public bool Contains(string value)
    {
        lock (_lines)
        {
            return _lines.Any(line => line.Contains(value, StringComparison.Ordinal));
        }
    }

    /// <summary>Captures <paramref name="process"/>'s stdout and stderr, each line prefixed with <paramref name="source"/>.</summary>
    public void Attach(Process process, string source)
    {
        process.OutputDataReceived += (_, e) => Add(source, "out", e.Data);
        process.ErrorDataReceived += (_, e) => Add(source, "err", e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    public string Redact(string text) => string.IsNullOrEmpty(secret) ? text : text.Replace(secret, Redacted, StringComparison.Ordinal);

    private void Add(string source, string stream, string? data)
    {
        if (data is null)
        {
            return;
        }

        var line = new StringBuilder(source).Append(' ').Append(stream).Append(": ").Append(Redact(data)).ToString();
        lock (_lines)
        {
            _lines.Enqueue(line);
            while (_lines.Count > MaxLines)
            {
                _lines.Dequeue();
            }
        }

        forward?.Invoke(line);
    }
}
