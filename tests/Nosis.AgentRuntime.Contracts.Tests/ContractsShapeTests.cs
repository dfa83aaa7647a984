using System.Reflection;
using System.Runtime.InteropServices;
using Nosis.AgentRuntime.Execution;

namespace Nosis.AgentRuntime.Contracts.Tests;

public class ContractsShapeTests
{
    private static readonly Assembly Contracts = typeof(IAgentIdRegistry).Assembly;

    [Test]
    public void ContractsAssembly_ReferencesOnlyExecutionAndTheFramework()
    {
        var beyond = Contracts.GetReferencedAssemblies()
            .Where(reference => reference.Name != typeof(ExecutionTarget).Assembly.GetName().Name)
            .Where(reference => !File.Exists(Path.Combine(RuntimeEnvironment.GetRuntimeDirectory(), reference.Name + ".dll")))
            .Select(reference => reference.Name);

        beyond.Should().BeEmpty("Contracts holds interfaces and plain records, nothing that does I/O");
    }

    [Test]
    public void EveryAsyncContractMember_TakesACancellationTokenLastWithADefault()
    {
        var members = Contracts.GetExportedTypes().Where(t => t.IsInterface)
            .SelectMany(t => t.GetMethods())
            .Where(m => typeof(Task).IsAssignableFrom(m.ReturnType) || m.ReturnType == typeof(ValueTask))
            .ToList();

        members.Should().NotBeEmpty();
        foreach (var member in members)
        {
            var last = member.GetParameters().Last();
            last.ParameterType.Should().Be<CancellationToken>($"{member.DeclaringType!.Name}.{member.Name} takes its token last");
            last.HasDefaultValue.Should().BeTrue($"{member.DeclaringType!.Name}.{member.Name} defaults its token");
        }
    }

    [Test]
    public void CompositeAdapter_IsEveryAdapterButTheOptionalLease()
    {
        typeof(IAgentRuntimeAdapter).GetInterfaces().Should().BeEquivalentTo(
            [typeof(IAgentIdRegistry), typeof(IMessageStore), typeof(IToolLoader), typeof(IBackgroundScheduler), typeof(IErrorReporter)]);
    }

    [Test]
    public void ResponsibilityBoundaries_DescribeEveryComponent()
    {
        ResponsibilityBoundaries.All.Select(b => b.Component).Should().BeEquivalentTo(Enum.GetValues<RuntimeComponent>());
        foreach (var component in Enum.GetValues<RuntimeComponent>())
        {
            var boundary = ResponsibilityBoundaries.For(component);
            boundary.Owns.Should().NotBeEmpty();
            boundary.MustNot.Should().NotBeEmpty();
        }

        ResponsibilityBoundaries.SharedRuntime.MustNot.Should().Contain(rule => rule.Contains("database"));
        ResponsibilityBoundaries.Web.MustNot.Should().Contain(rule => rule.Contains("Letta"));
    }

    [Test]
    public void TokenUsage_TotalIsInputPlusOutput()
    {
        new TokenUsage(120, 30).TotalTokens.Should().Be(150);
    }
}
