namespace Nosis.AgentRuntime.AppServer.Tests.Infrastructure;

/// <summary>Whether the test sent a frame or the App Server did.</summary>
public enum FrameDirection
{
    Sent,
    Received,
}
