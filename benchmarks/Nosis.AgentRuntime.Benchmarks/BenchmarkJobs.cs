using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Diagnosers;
using BenchmarkDotNet.Exporters;
using Perfolizer.Horology;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Loggers;
using BenchmarkDotNet.Toolchains.InProcess.Emit;

namespace Nosis.AgentRuntime.Benchmarks;

/// <summary>The BenchmarkDotNet configurations: in-process (no generated project to build), short or default iteration counts.</summary>
public static class BenchmarkJobs
{
    public static IConfig Create(bool shortRun, string artifactsPath)
    {
        var job = Job.Default.WithToolchain(InProcessEmitToolchain.Instance);
        job = shortRun
            ? job.WithId("short").WithLaunchCount(1).WithWarmupCount(3).WithIterationCount(9).WithIterationTime(TimeInterval.FromMilliseconds(250))
            : job.WithId("default");
        return ManualConfig.CreateEmpty()
            .AddJob(job)
            .AddDiagnoser(MemoryDiagnoser.Default)
            .AddColumnProvider(DefaultColumnProviders.Instance)
            .AddColumn(StatisticColumn.Median)
            .AddLogger(ConsoleLogger.Default)
            .AddExporter(MarkdownExporter.GitHub)
            .WithArtifactsPath(artifactsPath)
            .WithOptions(ConfigOptions.DisableLogFile);
    }
}
