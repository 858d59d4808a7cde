using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using HttmOrleans.DataChefs.Definitions;
using HttmOrleans.DataChefs.Pipeline;

namespace HttmOrleans.DataChefs.Rest;

/// <summary>
/// GETs one JSON document, retrying 429, 5xx and network failures with exponential backoff
/// and jitter, honouring Retry-After. Other 4xx answers fail at once: retrying cannot fix them.
/// </summary>
internal sealed class RetryingJsonFetcher(HttpClient client, RestSourceDefinition definition, RetryPolicy retry)
{
    private readonly Random _jitter = new();

    /// <summary>Requests that were retried, for the report's notes.</summary>
    public int Retries { get; private set; }

    public async Task<JsonDocument> GetAsync(Uri url, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            TimeSpan? retryAfter = null;
            string failure;
            try
            {
                using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
                timeout.CancelAfter(TimeSpan.FromSeconds(definition.TimeoutSeconds));
                using var request = CreateRequest(url);
                using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token);
                if (response.IsSuccessStatusCode)
                {
                    var body = await response.Content.ReadAsStreamAsync(timeout.Token);
                    await using (body)
                    {
                        try
                        {
                            return await JsonDocument.ParseAsync(body, cancellationToken: timeout.Token);
                        }
                        catch (JsonException e)
                        {
                            throw new SourceReadException($"GET {Secrets.RedactUrl(url.AbsoluteUri)} did not answer valid JSON: {e.Message}", e);
                        }
                    }
                }

                var status = (int)response.StatusCode;
                if (status != (int)HttpStatusCode.TooManyRequests && status < 500)
                {
                    throw new SourceReadException($"GET {Secrets.RedactUrl(url.AbsoluteUri)} answered {status} {response.ReasonPhrase}.");
                }

                failure = $"answered {status} {response.ReasonPhrase}";
                retryAfter = RetryAfter(response.Headers.RetryAfter);
            }
            catch (HttpRequestException e) when (Refusal(e) is { } refused)
            {
                // Not a network failure: retrying cannot change the answer, and the URL is the request's fault.
                throw new SourceValidationException([new SourceValidationError("url", refused.Message)]);
            }
            catch (HttpRequestException e)
            {
                failure = "failed: " + e.Message;
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                failure = $"timed out after {definition.TimeoutSeconds} s";
            }

            if (attempt > retry.MaxRetries)
            {
                throw new SourceReadException(
                    $"GET {Secrets.RedactUrl(url.AbsoluteUri)} {failure} ({attempt} attempts, giving up).");
            }

            Retries++;
            await Task.Delay(retry.DelayFor(attempt, retryAfter, _jitter), cancellationToken);
        }
    }

    private static HostRefusedException? Refusal(Exception? e)
    {
        for (; e is not null; e = e.InnerException)
        {
            if (e is HostRefusedException refused)
            {
                return refused;
            }
        }

        return null;
    }

    private HttpRequestMessage CreateRequest(Uri url)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        foreach (var (name, value) in definition.Headers ?? new Dictionary<string, string>())
        {
            request.Headers.TryAddWithoutValidation(name, value);
        }

        if (!string.IsNullOrEmpty(definition.BearerToken))
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", definition.BearerToken);
        }

        return request;
    }

    private static TimeSpan? RetryAfter(RetryConditionHeaderValue? header)
    {
        if (header?.Delta is { } delta)
        {
            return delta;
        }

        if (header?.Date is { } date)
        {
            var wait = date - DateTimeOffset.UtcNow;
            return wait > TimeSpan.Zero ? wait : TimeSpan.Zero;
        }

        return null;
    }
}
