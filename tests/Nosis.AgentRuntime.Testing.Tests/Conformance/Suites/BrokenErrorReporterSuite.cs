using Nosis.AgentRuntime.Contracts;
using Nosis.AgentRuntime.Testing.Conformance;
using Nosis.AgentRuntime.Testing.Tests.Conformance.Broken.Reporter;

namespace Nosis.AgentRuntime.Testing.Tests.Conformance.Suites;

/// <summary>The error reporter suite over one deliberately wrong reporter.</summary>
public abstract class BrokenErrorReporterSuite<T> : ErrorReporterConformanceTests
    where T : BrokenErrorReporter, new()
{
    protected override Task<IErrorReporter> CreateReporterAsync() => Task.FromResult<IErrorReporter>(new T());

    protected override Task<IReadOnlyList<ErrorReport>> ReadReportsAsync(IErrorReporter reporter) => Task.FromResult(((T)reporter).Reports);
}

[Explicit(BrokenSuite.Reason)] public sealed class ForgetfulReporterSuite : BrokenErrorReporterSuite<ForgetfulErrorReporter>;
[Explicit(BrokenSuite.Reason)] public sealed class UnsafeAppendReporterSuite : BrokenErrorReporterSuite<UnsafeAppendErrorReporter>;
[Explicit(BrokenSuite.Reason)] public sealed class FlatteningReporterSuite : BrokenErrorReporterSuite<FlatteningErrorReporter>;
[Explicit(BrokenSuite.Reason)] public sealed class TypeDroppingReporterSuite : BrokenErrorReporterSuite<TypeDroppingErrorReporter>;
[Explicit(BrokenSuite.Reason)] public sealed class CappingReporterSuite : BrokenErrorReporterSuite<CappingErrorReporter>;
[Explicit(BrokenSuite.Reason)] public sealed class NullTypeCrashingReporterSuite : BrokenErrorReporterSuite<NullTypeCrashingErrorReporter>;
