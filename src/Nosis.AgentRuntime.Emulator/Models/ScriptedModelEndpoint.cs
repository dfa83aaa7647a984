using System.Collections.Concurrent;
using System.Text.Json;
using Microsoft.AspNetCore.Http;

namespace Nosis.AgentRuntime.Emulator.Models;

/// <summary>The scripted model's HTTP routes: the model list, chat completions (queued reply or default), and 404 for the rest.</summary>
internal sealed class ScriptedModelEndpoint(ScriptedModelOptions options, ScriptedRequestLog log, CancellationToken stopping)
{
    private int _modelListCalls;
    private int _repliesAbandoned;

    public ConcurrentQueue<ScriptedReply> Replies { get; } = new();

    public int ModelListCalls => Volatile.Read(ref _modelListCalls);

    public int RepliesAbandoned => Volatile.Read(ref _repliesAbandoned);

    public async Task HandleAsync(HttpContext context)
    {
        using var aborted = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted, stopping);
        var cancellationToken = aborted.Token;
        var path = (context.Request.Path.Value ?? string.Empty).TrimEnd('/');
        try
        {
            if (HttpMethods.IsGet(context.Request.Method) && path == "/v1/models")
            {
                Interlocked.Increment(ref _modelListCalls);
                await ScriptedCompletionWriter.WriteJsonAsync(context, 200, WriteModelList, cancellationToken).ConfigureAwait(false);
            }
            else if (HttpMethods.IsPost(context.Request.Method) && path == "/v1/chat/completions")
            {
                await CompleteAsync(context, cancellationToken).ConfigureAwait(false);
            }
            else
            {
                var message = $"The scripted model serves GET /v1/models and POST /v1/chat/completions, not {context.Request.Method} {path}.";
                await ScriptedCompletionWriter.WriteErrorAsync(context, 404, message, "invalid_request_error", cancellationToken).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // The client went away, or the server is stopping: nothing more to send.
            if (context.RequestAborted.IsCancellationRequested)
            {
                Interlocked.Increment(ref _repliesAbandoned);
            }
        }
    }

    private async Task CompleteAsync(HttpContext context, CancellationToken cancellationToken)
    {
        string body;
        using (var reader = new StreamReader(context.Request.Body))
        {
            body = await reader.ReadToEndAsync(cancellationToken).ConfigureAwait(false);
        }

        ScriptedModelRequest request;
        try
        {
            request = ScriptedModelRequestReader.Read(body);
        }
        catch (JsonException exception)
        {
            var message = "The request body is not a chat completions request: " + exception.Message;
            await ScriptedCompletionWriter.WriteErrorAsync(context, 400, message, "invalid_request_error", cancellationToken).ConfigureAwait(false);
            return;
        }

        log.Add(request);
        var reply = Replies.TryDequeue(out var queued) ? queued : options.DefaultReply(request);
        if (reply.StatusCode != 200)
        {
            await ScriptedCompletionWriter.WriteErrorAsync(context, reply.StatusCode, reply.ErrorMessage!, "scripted_error", cancellationToken).ConfigureAwait(false);
        }
        else if (request.Stream)
        {
            await ScriptedStreamPlayer.PlayAsync(context, reply, request, options.ModelId, cancellationToken).ConfigureAwait(false);
        }
        else
        {
            await ScriptedCompletionWriter.WriteAsync(context, reply, request, options.ModelId, cancellationToken).ConfigureAwait(false);
        }
    }

    private void WriteModelList(Utf8JsonWriter writer)
    {
        writer.WriteString("object", "list");
        writer.WriteStartArray("data");
        writer.WriteStartObject();
        writer.WriteString("id", options.ModelId);
        writer.WriteString("object", "model");
        writer.WriteNumber("created", 0);
        writer.WriteString("owned_by", "nosis-scripted");
        writer.WriteEndObject();
        writer.WriteEndArray();
    }
}
