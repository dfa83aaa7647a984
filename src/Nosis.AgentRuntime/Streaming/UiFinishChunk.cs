using Nosis.AgentRuntime.Contracts;

namespace Nosis.AgentRuntime.Streaming;

/// <summary>The <c>finish</c> chunk: the finish reason, and the model, summed token usage and whether the reply was stopped as <c>messageMetadata</c>.</summary>
internal static class UiFinishChunk
{
    public static void Write(UiChunkWriter chunks, ChatFinishReason reason, TokenUsage? usage, string? model, bool stopped)
    {
        var json = chunks.Json;
        chunks.Begin(ChunkNames.Finish);
        json.WriteString(ChunkNames.FinishReason, ChunkNames.OfFinishReason(reason));
        if (usage is not null || model is not null || stopped)
        {
            json.WriteStartObject(ChunkNames.MessageMetadata);
            if (stopped)
            {
                json.WriteBoolean(ChunkNames.Stopped, true); // the Letta run was cancelled: the reply was stopped on purpose
            }

            if (model is not null)
            {
                json.WriteString(ChunkNames.Model, model);
            }

            if (usage is not null)
            {
                json.WriteStartObject(ChunkNames.Usage);
                json.WriteNumber(ChunkNames.InputTokens, usage.InputTokens);
                json.WriteNumber(ChunkNames.OutputTokens, usage.OutputTokens);
                json.WriteNumber(ChunkNames.TotalTokens, usage.TotalTokens);
                if (usage.ReasoningTokens is { } reasoningTokens)
                {
                    json.WriteNumber(ChunkNames.ReasoningTokens, reasoningTokens);
                }

                if (usage.CachedInputTokens is { } cachedInputTokens)
                {
                    json.WriteNumber(ChunkNames.CachedInputTokens, cachedInputTokens);
                }

                if (usage.StepCount is { } stepCount)
                {
                    json.WriteNumber(ChunkNames.StepCount, stepCount);
                }

                json.WriteEndObject();
            }

            json.WriteEndObject();
        }

        chunks.End();
    }
}
