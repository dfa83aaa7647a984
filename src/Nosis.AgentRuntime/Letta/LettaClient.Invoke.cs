using System.Net;
using System.Net.Http.Headers;
using Nosis.AgentRuntime.Letta.Wire;
using Refit;

namespace Nosis.AgentRuntime.Letta;

/// <content>Sending one request: its timeout, an unreachable server, and Letta Cloud's deploy refusals sent again.</content>
public sealed partial class LettaClient
{
    /// <summary>Sends a request; one Letta Cloud refused during a deploy without admitting it is sent again, within <see cref="LettaOptions.MaxDeployRetries"/>, after its <c>Retry-After</c>.</summary>
    /// <remarks>A 503 that does not say <c>admitted: false</c> is never sent again: the server may have acted on it.</remarks>
    private async Task<T> InvokeAsync<T>(string operation, Func<CancellationToken, Task<T>> call, CancellationToken cancellationToken)
        where T : class
    {
        for (var attempt = 1; ; attempt++)
        {
            var result = await InvokeOnceAsync(operation, call, cancellationToken).ConfigureAwait(false);
            if (attempt > _options.MaxDeployRetries || await NotAdmittedRetryDelayAsync(result, cancellationToken).ConfigureAwait(false) is not { } delay)
            {
                return result;
            }

            (result as IDisposable)?.Dispose();
            _logger.DeployRetry(operation, delay, attempt);
            await Task.Delay(delay, _timeProvider, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>The wait before sending again a request Letta Cloud refused during a deploy (<c>Retry-After</c>, else one second, at most <see cref="LettaOptions.MaxRetryDelay"/>), or none.</summary>
    private async Task<TimeSpan?> NotAdmittedRetryDelayAsync(object result, CancellationToken cancellationToken)
    {
        string? body;
        HttpResponseHeaders? headers;
        switch (result)
        {
            case IApiResponse { StatusCode: HttpStatusCode.ServiceUnavailable } api:
                body = api.HasResponseError(out var apiError) ? apiError.Content : null;
                headers = api.Headers;
                break;
            case HttpResponseMessage { StatusCode: HttpStatusCode.ServiceUnavailable } message:
                body = await ReadBufferedAsync(message.Content, cancellationToken).ConfigureAwait(false);
                headers = message.Headers;
                break;
            default:
                return null;
        }

        if (!LettaErrorBody.IsNotAdmittedDeploy(body))
        {
            return null;
        }

        var wait = RetryAfterOf(headers) ?? TimeSpan.FromSeconds(1);
        return wait > _options.MaxRetryDelay ? _options.MaxRetryDelay : wait;
    }

    /// <summary>Reads a small error body into a buffer, so the caller can still read it afterwards; a large or broken one reads as none.</summary>
    private static async Task<string?> ReadBufferedAsync(HttpContent content, CancellationToken cancellationToken)
    {
        try
        {
            await content.LoadIntoBufferAsync(64 * 1024, cancellationToken).ConfigureAwait(false);
            return await content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is HttpRequestException or IOException)
        {
            return null;
        }
    }

    private async Task<T> InvokeOnceAsync<T>(string operation, Func<CancellationToken, Task<T>> call, CancellationToken cancellationToken)
        where T : class
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(_options.RequestTimeout);
        Exception? failure;
        try
        {
            var result = await call(timeout.Token).ConfigureAwait(false);
            if (result is not IApiResponse response || !response.HasRequestError(out var requestError))
            {
                return result;
            }

            (result as IDisposable)?.Dispose();
            failure = requestError.InnerException ?? requestError;
        }
        catch (ApiRequestException exception)
        {
            failure = exception.InnerException ?? exception;
        }
        catch (Exception exception) when (exception is OperationCanceledException or HttpRequestException or IOException)
        {
            failure = exception;
        }

        if (failure is OperationCanceledException)
        {
            cancellationToken.ThrowIfCancellationRequested();
            _logger.RequestTimedOut(operation, _options.RequestTimeout);
            throw new TimeoutException($"Letta did not answer {operation} within {_options.RequestTimeout.TotalSeconds:0.###} s.");
        }

        throw Unreachable(operation, failure);
    }

    private HttpRequestException Unreachable(string operation, Exception exception)
    {
        _logger.RequestUnreachable(operation, exception);
        var detail = _redactor.Redact(exception.Message);
        return new HttpRequestException($"Letta could not be reached for {operation}: {detail}", exception is HttpRequestException ? exception : null);
    }
}
