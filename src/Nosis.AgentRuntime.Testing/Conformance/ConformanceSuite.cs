using NUnit.Framework;

namespace Nosis.AgentRuntime.Testing.Conformance;

/// <summary>The base of every conformance suite: capabilities an adapter declares it lacks, and the hooks that ask for the others.</summary>
public abstract class ConformanceSuite
{
    /// <summary>Gets the capabilities this adapter truly lacks, each with the reason; their checks are skipped with it and listed in the output.</summary>
    /// <value>The default is none: every capability's hook must be implemented.</value>
    protected virtual IEnumerable<LackedCapability> LackedCapabilities => [];

    /// <summary>Writes the capabilities this adapter declared lacking to the test output, once per suite.</summary>
    [OneTimeSetUp]
    public void ListLackedCapabilities()
    {
        var lacked = LackedCapabilities.ToList();
        if (lacked.Count > 0)
        {
            TestContext.Progress.WriteLine($"{GetType().Name} declares it lacks: {string.Join("; ", lacked)}.");
        }
    }

    /// <summary>Calls the hook of a capability: skips the check when the adapter declared it lacking, and fails plainly when the hook was not implemented.</summary>
    /// <typeparam name="T">What the hook returns.</typeparam>
    /// <param name="capability">The capability, one of <see cref="KitCapability"/>.</param>
    /// <param name="hook">Calls the hook.</param>
    /// <returns>What the hook returned.</returns>
    protected async Task<T> RequireAsync<T>(string capability, Func<Task<T>> hook)
    {
        ArgumentNullException.ThrowIfNull(hook);
        Require(capability);
        try
        {
            return await hook().ConfigureAwait(false);
        }
        catch (MissingHookException missing)
        {
            Assert.Fail(missing.Message);
            throw;
        }
    }

    /// <summary>Skips the check, with the declared reason, when the adapter declared <paramref name="capability"/> lacking.</summary>
    /// <param name="capability">The capability, one of <see cref="KitCapability"/>.</param>
    protected void Require(string capability)
    {
        var lacked = LackedCapabilities.FirstOrDefault(c => string.Equals(c.Name, capability, StringComparison.Ordinal));
        if (lacked is not null)
        {
            Assert.Ignore($"{GetType().Name} declares it lacks the capability '{capability}': {lacked.Reason}");
        }
    }

    /// <summary>Creates the exception a capability's hook throws until it is overridden.</summary>
    /// <param name="hook">The hook's name.</param>
    /// <param name="what">What the hook must return.</param>
    /// <param name="capability">The capability it serves, one of <see cref="KitCapability"/>.</param>
    /// <returns>The exception, whose message says what to implement or declare.</returns>
    protected MissingHookException MissingHook(string hook, string what, string capability) => new(
        $"{GetType().Name} must override {hook}: {what}. If the adapter truly cannot, declare it: override LackedCapabilities to return "
        + $"new LackedCapability(KitCapability.{ToPascal(capability)}, \"why\").");

    private static string ToPascal(string capability) =>
        string.Concat(capability.Split('-').Select(p => char.ToUpperInvariant(p[0]) + p[1..]));
}
