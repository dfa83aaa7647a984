using Nosis.AgentRuntime.Contracts;

namespace Nosis.AgentRuntime.Testing.Tests.Conformance.Broken.Reporter;

/// <summary>Flattens every report onto one line, replacing line breaks with spaces.</summary>
public sealed class FlatteningErrorReporter : BrokenErrorReporter
{
    protected override ErrorReport Transform(ErrorReport report) =>
        report with { Message = Flatten(report.Message), Context = Flatten(report.Context) };

    private static string Flatten(string text) => text.Replace("\r\n", " ", StringComparison.Ordinal).Replace('\n', ' ');
}
