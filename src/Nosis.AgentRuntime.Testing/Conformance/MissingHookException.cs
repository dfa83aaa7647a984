namespace Nosis.AgentRuntime.Testing.Conformance;

/// <summary>Thrown by a conformance hook the suite's author has not overridden; the suite turns it into a failure that says what to implement.</summary>
public sealed class MissingHookException : NotImplementedException
{
    /// <summary>Initializes a new instance.</summary>
    /// <param name="message">What to implement, or which capability to declare lacking.</param>
    public MissingHookException(string message)
        : base(message)
    {
    }

    /// <summary>Initializes a new instance with no message.</summary>
    public MissingHookException()
    {
    }

    /// <summary>Initializes a new instance.</summary>
    /// <param name="message">What to implement.</param>
    /// <param name="innerException">The cause.</param>
    public MissingHookException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
