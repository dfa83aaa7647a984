using Nosis.AgentRuntime.Contracts;

namespace Nosis.AgentRuntime.Data.Internal;

/// <summary>Turns stored rows back into the contract's user messages and replies; a row without parts gets one text part of its text.</summary>
internal static class MessageRecordConversion
{
    public static ConversationMessage ToConversationMessage(MessageRecord record)
    {
        var parts = record.Parts ?? [new TextPart(record.Content)];
        if (record.Role == MessageRole.User)
        {
            return ConversationMessage.FromUser(
                new UserMessage(record.Id, record.ConversationId, record.UserId ?? string.Empty, record.Content, record.CreatedAt) { Parts = parts });
        }

        var usage = record.InputTokens is { } input && record.OutputTokens is { } output
            ? new TokenUsage(input, output) { ReasoningTokens = record.ReasoningTokens, CachedInputTokens = record.CachedInputTokens, StepCount = record.StepCount }
            : null;
        return ConversationMessage.FromAssistant(
            new AssistantMessage(record.Id, record.ConversationId, record.Content, record.Model, usage, record.Completion ?? ReplyCompletion.Completed, record.CreatedAt)
            {
                IsTruncated = record.IsTruncated,
                AgentId = record.AgentId,
                RunId = record.RunId,
                Parts = parts,
            });
    }
}
