using Nosis.AgentRuntime.Contracts;

namespace Nosis.AgentRuntime.Testing.Tests.Conformance.Broken.Reporter;

/// <summary>Keeps operation, message and context, but not the exception type.</summary>
public sealed class TypeDroppingErrorReporter : BrokenErrorReporter
{
    protected override ErrorReport Transform(ErrorReport report) => report with { ErrorType = null };
}
