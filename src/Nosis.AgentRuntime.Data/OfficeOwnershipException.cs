namespace Nosis.AgentRuntime.Data;

/// <summary>The exception thrown when a write would break the office ownership policy (see <c>docs/office-ownership.md</c>).</summary>
/// <remarks>A conversation with a workspace belongs to the workspace's office; it is never attached to a workspace of another office.</remarks>
public sealed class OfficeOwnershipException : InvalidOperationException
{
    /// <summary>Initializes a new instance with a message that says which rule was broken.</summary>
    /// <param name="message">The message.</param>
    public OfficeOwnershipException(string message)
        : base(message)
    {
    }
}
