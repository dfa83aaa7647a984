using System.Text.Json;
using Microsoft.Extensions.AI;
using Nosis.AgentRuntime.Contracts;

namespace Nosis.AgentRuntime.AI;

/// <summary>A <see cref="ToolSet"/> whose tools are <see cref="AIFunction"/>s, such as those made by <c>AIFunctionFactory.Create</c>.</summary>
/// <remarks>
/// <para>Each tool is offered under <see cref="AIFunctionTool.ToolName"/> with the function's description and JSON schema. A call's
/// arguments JSON becomes <see cref="AIFunctionArguments"/> of <see cref="JsonElement"/> values; arguments that are not a JSON object
/// become an error result the agent reads, without calling the function. What the function returns becomes the output text: a
/// string as it is, anything else as JSON. A function that requires approval (<see cref="ApprovalRequiredAIFunction"/>) is never
/// called: the agent gets an error result that says so.</para>
/// <para>Derive to change how a function is called (<see cref="InvokeFunctionAsync"/>) or to release what the functions hold
/// (<see cref="ToolSet.DisposeAsync"/> calls <c>ReleaseAsync</c> exactly once).</para>
/// </remarks>
public class AIFunctionToolSet : ToolSet
{
    private static readonly JsonElement EmptyObjectSchema = JsonDocument.Parse("""{"type":"object","properties":{}}""").RootElement.Clone();

    private readonly Dictionary<string, AIFunction> _functions;

    /// <summary>Initializes a tool set of <paramref name="tools"/>, in the order given.</summary>
    /// <param name="tools">The tools; their names must be valid (<see cref="ToolNames.IsValid"/>) and unique.</param>
    /// <exception cref="ArgumentNullException"><paramref name="tools"/> or one of its items is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException">A name is not a valid tool name, or two tools have the same name.</exception>
    public AIFunctionToolSet(IEnumerable<AIFunctionTool> tools)
    {
        ArgumentNullException.ThrowIfNull(tools);
        _functions = new Dictionary<string, AIFunction>(StringComparer.Ordinal);
        var definitions = new List<ToolDefinition>();
        foreach (var tool in tools)
        {
            ArgumentNullException.ThrowIfNull(tool, nameof(tools));
            ArgumentNullException.ThrowIfNull(tool.Function, nameof(tools));
            var name = tool.ToolName;
            if (!ToolNames.IsValid(name))
            {
                throw new ArgumentException(
                    $"The tool name '{ToolNames.Sanitize(name)}' is not valid: use 1 to {ToolNames.MaxLength} letters, digits, '_' or '-'.", nameof(tools));
            }

            if (!_functions.TryAdd(name, tool.Function))
            {
                throw new ArgumentException($"Two tools are named '{name}'; tool names must be unique within a tool set.", nameof(tools));
            }

            var schema = tool.Function.JsonSchema.ValueKind == JsonValueKind.Object ? tool.Function.JsonSchema : EmptyObjectSchema;
            definitions.Add(new ToolDefinition(name, tool.Function.Description, schema, tool.Scope));
        }

        Tools = definitions;
    }

    /// <summary>Initializes a tool set of <paramref name="functions"/>, all of one scope, under their own names.</summary>
    /// <param name="functions">The functions.</param>
    /// <param name="scope">The scope of every tool.</param>
    /// <exception cref="ArgumentNullException"><paramref name="functions"/> or one of its items is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException">A name is not a valid tool name, or two functions have the same name.</exception>
    public AIFunctionToolSet(IEnumerable<AIFunction> functions, Execution.ToolScope scope = Execution.ToolScope.Global)
        : this((functions ?? throw new ArgumentNullException(nameof(functions))).Select(f => new AIFunctionTool(f, scope)).ToList())
    {
    }

    /// <inheritdoc/>
    public override IReadOnlyList<ToolDefinition> Tools { get; }

    /// <inheritdoc/>
    /// <exception cref="ObjectDisposedException">The set has been released.</exception>
    public override async Task<ToolResult> InvokeAsync(ToolCall call, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(call);
        ObjectDisposedException.ThrowIf(IsReleased, this);
        if (!_functions.TryGetValue(call.Name, out var function))
        {
            return ToolResult.Error($"No tool named '{ToolNames.Sanitize(call.Name)}' is loaded.");
        }

        if (RequiresApproval(function))
        {
            // Microsoft.Extensions.AI leaves enforcing ApprovalRequiredAIFunction to the invoker: without a person's approval, it never runs.
            return ToolResult.Error($"The tool '{call.Name}' needs a person's approval before it runs, and none can be asked for here; it was not run.");
        }

        var arguments = ToolArguments.TryParse(call.ArgumentsJson, out var problem);
        if (arguments is null)
        {
            return ToolResult.Error($"The tool '{call.Name}' was not called: {problem}.");
        }

        return await InvokeFunctionAsync(call.Name, function, arguments, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Whether <paramref name="function"/> is, or wraps, an <see cref="ApprovalRequiredAIFunction"/>.</summary>
    private static bool RequiresApproval(AIFunction function) => function.GetService(typeof(ApprovalRequiredAIFunction)) is not null;

    /// <summary>Calls one function and turns its return value into a result.</summary>
    /// <param name="toolName">The name the agent called the tool by.</param>
    /// <param name="function">The function.</param>
    /// <param name="arguments">The parsed arguments.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The result; an exception thrown here becomes an error result in the runtime.</returns>
    protected virtual async Task<ToolResult> InvokeFunctionAsync(
        string toolName,
        AIFunction function,
        AIFunctionArguments arguments,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(function);
        var value = await function.InvokeAsync(arguments, cancellationToken).ConfigureAwait(false);
        return ToolResult.Success(ToolOutput.From(value, function.JsonSerializerOptions));
    }
}
