using Nosis.AgentRuntime.Contracts;
using Nosis.AgentRuntime.Testing.Conformance;
using Nosis.AgentRuntime.Testing.Tests.Conformance.Broken.Tools;

namespace Nosis.AgentRuntime.Testing.Tests.Conformance.Suites;

/// <summary>The tool loader suite over one deliberately wrong loader, counting its connections.</summary>
public abstract class BrokenToolLoaderSuite<T> : ToolLoaderConformanceTests
    where T : BrokenToolLoader, new()
{
    protected override Task<IToolLoader> CreateLoaderAsync(IReadOnlyList<ToolDefinition> tools, IReadOnlyList<ToolDefinition> otherOfficeTools) =>
        Task.FromResult<IToolLoader>(new T().Serve(OfficeId, tools).Serve(OtherOfficeId, otherOfficeTools));

    protected override Task<IToolLoader> CreateLoaderWhoseReleaseThrowsAsync(IReadOnlyList<ToolDefinition> tools) =>
        Task.FromResult<IToolLoader>(new T { ReleaseThrows = true }.Serve(OfficeId, tools));

    protected override int GetReleaseCount(IToolLoader loader) => ((T)loader).ReleaseCount;

    protected override int GetOpenResourceCount(IToolLoader loader) => ((T)loader).OpenCount;
}

[Explicit(BrokenSuite.Reason)] public sealed class ScopeIgnoringLoaderSuite : BrokenToolLoaderSuite<ScopeIgnoringToolLoader>;
[Explicit(BrokenSuite.Reason)] public sealed class OfficeIgnoringLoaderSuite : BrokenToolLoaderSuite<OfficeIgnoringToolLoader>;
[Explicit(BrokenSuite.Reason)] public sealed class PerConversationCachingLoaderSuite : BrokenToolLoaderSuite<PerConversationCachingToolLoader>;
[Explicit(BrokenSuite.Reason)] public sealed class SharedHandleLoaderSuite : BrokenToolLoaderSuite<SharedHandleToolLoader>;
[Explicit(BrokenSuite.Reason)] public sealed class ReleasingOnDisposeLoaderSuite : BrokenToolLoaderSuite<ReleasingOnDisposeToolLoader>;
[Explicit(BrokenSuite.Reason)] public sealed class LeakOnCancelLoaderSuite : BrokenToolLoaderSuite<LeakOnCancelToolLoader>;
[Explicit(BrokenSuite.Reason)] public sealed class LeakyReleaseLoaderSuite : BrokenToolLoaderSuite<LeakyReleaseToolLoader>;
[Explicit(BrokenSuite.Reason)] public sealed class ReimplementedDisposeLoaderSuite : BrokenToolLoaderSuite<ReimplementedDisposeToolLoader>;
