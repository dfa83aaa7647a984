global using Nosis.AgentRuntime.Execution;
