using System.Text;
using Nosis.AgentRuntime.Contracts;
using Nosis.AgentRuntime.Letta;

namespace Nosis.AgentRuntime.Claims;

/// <content>What a new agent of a conversation looks like: its name, tags and metadata.</content>
public sealed partial class AgentClaimService
{
    private const int MaxNameLength = 64;

    private LettaCreateAgentRequest BuildRequest(ConversationRuntime conversation, string creationTag) => new()
    {
        Name = NameFor(conversation.ConversationId),
        Model = _runtimeOptions.AgentModel,
        Embedding = _runtimeOptions.AgentEmbedding,
        Tags = [AgentTags.Runtime, AgentTags.ForConversation(conversation.ConversationId), creationTag],
        Metadata = new Dictionary<string, string>
        {
            ["nosis_conversation_id"] = conversation.ConversationId,
            ["nosis_office_id"] = conversation.OfficeId,
            ["nosis_creation"] = creationTag[AgentTags.CreationPrefix.Length..],
        },
    };

    /// <summary>A Letta agent name for the conversation: letters, digits, space, <c>-</c> and <c>_</c> only.</summary>
    internal static string NameFor(string conversationId)
    {
        var name = new StringBuilder("nosis-", MaxNameLength);
        foreach (var c in conversationId)
        {
            if (name.Length >= MaxNameLength)
            {
                break;
            }

            name.Append(char.IsAsciiLetterOrDigit(c) || c is '-' or '_' ? c : '-');
        }

        return name.ToString();
    }
}
